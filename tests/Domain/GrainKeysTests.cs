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
}
