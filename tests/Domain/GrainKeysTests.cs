namespace Analytics.Tests.Domain;

public class GrainKeysTests
{
    [Theory]
    [InlineData("AcmeHelp", "c1")]
    [InlineData("a/b", "c/d")]
    [InlineData("100%", "%2F")]
    [InlineData("x%", "y")]
    public void Parse_ConversationKey_RoundTrips(string brand, string conversation)
    {
        var (b, c, shard) = GrainKeys.Parse(GrainKeys.Conversation(brand, conversation));
        Assert.Equal((brand, conversation, -1), (b, c, shard));
    }

    [Theory]
    [InlineData("AcmeHelp", "f1")]
    [InlineData("a%/b", "u9")]
    public void Parse_AudienceKey_IsNeverAConversation(string brand, string eventId)
    {
        var (b, c, shard) = GrainKeys.Parse(GrainKeys.Audience(brand, eventId));
        Assert.Equal(brand, b);
        Assert.Equal("", c);
        Assert.InRange(shard, 0, GrainKeys.AudienceShards - 1);
        Assert.Equal(GrainKeys.AudienceShard(eventId), shard);
    }

    [Theory]
    [InlineData("AcmeHelp", "c1", -1)]
    [InlineData("a%/b", "x/y%z", -1)]
    [InlineData("Ünïcode 💬", "ид-💭", -1)]
    [InlineData("a%/b", "", 7)]
    [InlineData("AcmeHelp", "", 15)]
    public void Utf8_IsTheUtf8OfTheKeyString(string brand, string conversation, int shard)
    {
        var id = System.Text.Encoding.UTF8.GetBytes(conversation);
        var buffer = new byte[GrainKeys.MaxUtf8Length(brand, id.Length)];

        var n = GrainKeys.Utf8(brand, id, shard, buffer);

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(GrainKeys.Of(brand, conversation, shard)), buffer[..n]);
    }
}
