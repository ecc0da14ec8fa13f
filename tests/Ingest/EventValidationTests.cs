using Analytics.Models;
using Xunit;
using static Analytics.Tests.Ingest.NdjsonTestLines;

namespace Analytics.Tests.Ingest;

public class EventValidationTests
{
    public static TheoryData<string, string?, string> FieldFaults => new()
    {
        { "id", null, "id missing" },
        { "id", "null", "id missing" },
        { "id", "5", "id wrong type: number (expected string)" },
        { "id", "\"\"", "id empty" },
        { "id", Q(new string('x', 130)), "id too long: 130 chars (max 128)" },
        { "kind", "\"like\"", "kind invalid: 'like' (message, follow or unfollow)" },
        { "kind", "\"Message\"", "kind invalid: 'Message' (message, follow or unfollow)" },
        { "brand", null, "brand missing" },
        { "brand", "true", "brand wrong type: boolean (expected string)" },
        { "brand", Q(new string('b', 65)), "brand too long: 65 chars (max 64)" },
        { "channel", "\"\"", "channel empty" },
        { "channel", Q(new string('c', 65)), "channel too long: 65 chars (max 64)" },
        { "conversationId", null, "conversationId missing" },
        { "conversationId", Q(new string('c', 257)), "conversationId too long: 257 chars (max 256)" },
        { "author", "[\"a\"]", "author wrong type: array (expected string)" },
        { "direction", null, "direction missing" },
        { "direction", "\"sideways\"", "direction invalid: 'sideways' (inbound or outbound)" },
        { "timestamp", null, "timestamp missing" },
        { "timestamp", "1709283600", "timestamp wrong type: number (expected string)" },
        { "timestamp", "\"2024-13-01\"", "timestamp invalid: '2024-13-01' is not ISO-8601 with an offset" },
        { "timestamp", "\"2024-03-01T09:00:00\"", "timestamp invalid: '2024-03-01T09:00:00' has no offset (add Z or +hh:mm)" },
        { "timestamp", "\"2024-03-01T09:00:00.123\"", "timestamp invalid: '2024-03-01T09:00:00.123' has no offset (add Z or +hh:mm)" },
        { "timestamp", "\"2024-02-30T09:00:00Z\"", "timestamp invalid: '2024-02-30T09:00:00Z' is not ISO-8601 with an offset" },
        { "timestamp", "\"2024-03-01T24:00:00Z\"", "timestamp invalid: '2024-03-01T24:00:00Z' is not ISO-8601 with an offset" },
        { "timestamp", "\"2024-03-01T09:00:00.Z\"", "timestamp invalid: '2024-03-01T09:00:00.Z' is not ISO-8601 with an offset" },
        { "timestamp", "\"2024-03-01T09:00:00+2:00\"", "timestamp invalid: '2024-03-01T09:00:00+2:00' is not ISO-8601 with an offset" },
        { "timestamp", "\"2024-03-01T09:00:00+02:60\"", "timestamp invalid: '2024-03-01T09:00:00+02:60' is not ISO-8601 with an offset" },
        { "timestamp", "\"2024-03-01T09:00:00Z junk\"", "timestamp invalid: '2024-03-01T09:00:00Z junk' is not ISO-8601 with an offset" },
        { "brand", "\"Acme/Support\"", "brand invalid: 'Acme/Support' contains '/' (a brand is a path segment of the API)" },
        { "brand", "\"Acme\\u002FSupport\"", "brand invalid: 'Acme/Support' contains '/' (a brand is a path segment of the API)" },
        { "timestamp", "\"0001-01-01T00:00:00+01:00\"", "timestamp invalid: '0001-01-01T00:00:00+01:00' is outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z in UTC" },
        { "timestamp", "\"9999-12-31T23:30:00-01:00\"", "timestamp invalid: '9999-12-31T23:30:00-01:00' is outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z in UTC" },
        { "text", "{\"a\":1}", "text wrong type: object (expected string)" },
        { "text", Q(new string('t', 20000)), "text too long: 20000 bytes (max 16384)" },
        { "text", Q(new string('\u00e9', 8193)), "text too long: 16386 bytes (max 16384)" },
        { "inReplyTo", "42", "inReplyTo wrong type: number (expected string)" },
    };

    [Theory]
    [MemberData(nameof(FieldFaults))]
    public void Read_FieldFault_RejectsNamingTheField(string field, string? raw, string expected)
    {
        Assert.Equal(expected, RejectReason(Message((field, raw))));
    }

    [Fact]
    public void Read_BaseMessage_Accepted()
    {
        var e = Accept(Message());

        // "my order never arrived" from a customer: a complaint; author and text kept, with the author's key.
        var extras = new MessageExtras(null, Analytics.Text.AuthorKeys.Of("cust-1"), "cust-1", "my order never arrived");
        Assert.Equal(new CareEvent("m1", EventKind.Message, "AcmeHelp", "twitter", "c1", Direction.Inbound, 1_709_283_600_000_000, e.Digest, Complaint: true, extras), e);
    }

    [Fact]
    public void Read_OutboundWithText_CarriesTheReplysSketch_SameTemplateSameKeys()
    {
        var anna = Accept(Message(("direction", "\"outbound\""), ("text", Q("Hi Anna, so sorry. Please DM us your order number 123 and we will look into it right away."))));
        var tom = Accept(Message(("direction", "\"outbound\""), ("text", Q("Hi Tom, so sorry. Please DM us your order number 98765 and we will look into it right away."))));
        var other = Accept(Message(("direction", "\"outbound\""), ("text", Q("The engineer will visit on Tuesday between nine and noon."))));
        Assert.NotNull(anna.Extras!.Sketch);
        var a = anna.Extras.Sketch!.Value;
        var shared = Enumerable.Range(0, ReplySketch.Bands).Count(b => a[b] == tom.Extras!.Sketch!.Value[b]);
        Assert.True(shared >= 1, "one filled-in template shares a key with another");
        Assert.Equal(0, Enumerable.Range(0, ReplySketch.Bands).Count(b => a[b] == other.Extras!.Sketch!.Value[b]));
        // Inbound messages carry no sketch: only a brand's replies can be canned.
        Assert.Null(Accept(Message()).Extras!.Sketch);
    }

    [Theory]
    [InlineData("inbound", "\"thanks, it arrived\"", false)]
    [InlineData("inbound", "\"my order never arrived\"", true)]
    [InlineData("inbound", "\"my order \\u006eever arrived\"", true)] // escaped: judged unescaped
    [InlineData("inbound", null, false)]
    [InlineData("outbound", "\"sorry your order never arrived\"", false)] // only customers complain
    public void Read_Complaint_JudgedFromTheTextOfInboundMessages(string direction, string? text, bool complaint)
    {
        var e = Accept(Message(("direction", $"\"{direction}\""), ("text", text)));
        Assert.Equal(complaint, e.Complaint);
    }

    [Fact]
    public void Read_LimitsAtTheirMaximum_Accepted()
    {
        // 128 chars of a two-byte letter are 256 bytes: the id limit counts chars, not bytes.
        var e = Accept(Message(
            ("id", Q(new string('\u00e9', 128))),
            ("brand", Q(new string('b', 64))),
            ("channel", Q(new string('c', 64))),
            ("conversationId", Q(new string('v', 256))),
            ("text", Q(new string('t', 16384)))));

        Assert.Equal(128, e.Id.Length);
    }

    [Fact]
    public void Read_DuplicateField_Rejected()
    {
        Assert.Equal("duplicate field 'id'", RejectReason("{\"id\":\"b\"," + Message()[1..]));
        // null counts as given: two keys are ambiguous whatever their values.
        Assert.Equal("duplicate field 'author'", RejectReason(Message(("author", "null"))[..^1] + ",\"author\":\"x\"}"));
    }

    [Fact]
    public void Read_DuplicateFieldWrittenWithEscapes_Rejected()
    {
        Assert.Equal("duplicate field 'id'", RejectReason(Message()[..^1] + ",\"\\u0069d\":\"m2\"}"));
    }

    [Fact]
    public void Read_FieldNameWrittenWithEscapes_Recognised()
    {
        var e = Accept(Message(("id", null))[..^1] + ",\"\\u0069d\":\"escaped\"}");

        Assert.Equal("escaped", e.Id);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("42")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("true")]
    public void Read_JsonThatIsNotAnObject_Rejected(string line)
    {
        Assert.Equal("not a JSON object", RejectReason(line));
    }

    [Theory]
    [InlineData("{\"id\":\"1\",")]
    [InlineData("{\"id\":\"1\"} {\"id\":\"2\"}")]
    [InlineData("{\"id\":\"1\"} x")]
    [InlineData("{id:\"1\"}")]
    [InlineData("{\"id\":\"1\" /* comment */}")]
    [InlineData("not json")]
    [InlineData("{\"id\":5, \"brand\":")]
    public void Read_MalformedJson_RejectedWithReaderMessage(string line)
    {
        var reason = RejectReason(line);

        Assert.StartsWith("malformed JSON: ", reason);
        Assert.Equal("malformed JSON", new RejectedLine(1, reason).Category);
        Assert.DoesNotContain("LineNumber", reason);
    }

    [Fact]
    public void Read_InvalidUtf8_Rejected()
    {
        var line = System.Text.Encoding.UTF8.GetBytes(Message(("text", "\"ab__cd\"")));
        var at = Array.IndexOf(line, (byte)'_');
        line[at] = 0xC3;
        line[at + 1] = 0x28;

        Assert.Equal("invalid UTF-8", RejectReason(line));
    }

    [Fact]
    public void Read_InvalidUtf8InUnknownField_Rejected()
    {
        var line = System.Text.Encoding.UTF8.GetBytes(Message(("extra", "\"_\"")));
        line[Array.IndexOf(line, (byte)'_')] = 0xFF;

        Assert.Equal("invalid UTF-8", RejectReason(line));
    }

    [Fact]
    public void Read_UnpairedSurrogateEscape_Rejected()
    {
        Assert.Equal("id invalid: unpaired surrogate in a \\u escape", RejectReason(Message(("id", "\"a\\ud800b\""))));
    }

    [Fact]
    public void Read_LongInvalidValue_EchoesAtMostFortyChars()
    {
        var reason = RejectReason(Message(("kind", Q(new string('k', 5000)))));

        Assert.Equal($"kind invalid: '{new string('k', 40)}...' (message, follow or unfollow)", reason);
        Assert.Equal("kind invalid", new RejectedLine(1, reason).Category);
    }

    [Fact]
    public void Read_MalformedJsonWithLongLiteral_EchoesAtMostFortyChars()
    {
        var reason = RejectReason("{\"a\":f" + new string('a', 5000) + "}");

        Assert.StartsWith($"malformed JSON: 'f{new string('a', 39)}...' is ", reason);
        Assert.True(reason.Length < 200, reason);
    }

    [Fact]
    public void Read_ControlCharsInEchoedValue_ShownAsQuestionMarks()
    {
        Assert.Equal("direction invalid: 'in?bound' (inbound or outbound)", RejectReason(Message(("direction", "\"in\\nbound\""))));
    }

    [Fact]
    public void Read_SeveralFaults_ReportsTheFirstInFieldOrder()
    {
        Assert.Equal("id missing", RejectReason(Message(("id", null), ("timestamp", null), ("brand", null))));
        Assert.Equal("brand missing", RejectReason(Message(("timestamp", null), ("brand", null))));
    }

    [Fact]
    public void Read_WrongTypeThenMalformedJson_ReportsMalformedJson()
    {
        Assert.StartsWith("malformed JSON: ", RejectReason("{\"id\":5,\"brand\":"));
    }

    [Fact]
    public void Read_UnknownFieldsIncludingNested_Ignored()
    {
        var e = Accept(Message(
            ("lang", "\"en\""),
            ("meta", "{\"id\":7,\"deep\":{\"brand\":[1,{\"timestamp\":null}]},\"list\":[[],{}]}"),
            ("scores", "[1.5,-2e10,true,null,\"x\"]")));

        Assert.Equal("m1", e.Id);
        Assert.Equal(Accept(Message()).Digest, e.Digest);
    }

    [Fact]
    public void Read_NullOptionalFields_SameAsAbsent()
    {
        var withNulls = Accept(Message(("author", "null"), ("text", "null"), ("channel", "null"), ("kind", "null"), ("inReplyTo", "null")));
        var without = Accept(Message(("author", null), ("text", null), ("channel", null), ("kind", null)));

        Assert.Equal(without, withNulls);
        Assert.Equal("twitter", withNulls.Channel);
        Assert.Equal(EventKind.Message, withNulls.Kind);
    }

    [Theory]
    [InlineData("follow", EventKind.Follow)]
    [InlineData("unfollow", EventKind.Unfollow)]
    public void Read_AudienceEventWithoutConversation_Accepted(string kind, EventKind expected)
    {
        var e = Accept($"{{\"id\":\"f1\",\"kind\":\"{kind}\",\"brand\":\"AcmeHelp\",\"timestamp\":\"2024-03-01T09:00:00Z\"}}");

        Assert.Equal(new CareEvent("f1", expected, "AcmeHelp", "twitter", "", Direction.None, 1_709_283_600_000_000, e.Digest), e);
    }

    [Fact]
    public void Read_FollowWithDirectionAndConversation_IgnoresBoth()
    {
        var plain = Accept(Message(("kind", "\"follow\""), ("conversationId", null), ("direction", null)));
        var noisy = Accept(Message(("kind", "\"follow\""), ("conversationId", Q(new string('c', 300))), ("direction", "\"sideways\"")));

        Assert.Equal(plain, noisy);
        Assert.Equal(Direction.None, noisy.Direction);
        Assert.Equal("", noisy.ConversationId);
    }

    [Fact]
    public void Read_FollowWithWrongTypeDirection_Rejected()
    {
        Assert.Equal("direction wrong type: number (expected string)", RejectReason(Message(("kind", "\"follow\""), ("direction", "1"))));
    }

    [Theory]
    [InlineData("2024-03-01T09:00:00Z", 0)]
    [InlineData("2024-03-01T11:00:00+02:00", 0)]
    [InlineData("2024-03-01T03:30:00-05:30", 0)]
    [InlineData("2024-03-01T10:00:00+0100", 0)]
    [InlineData("2024-03-01T10:00:00+01", 0)]
    [InlineData("2024-03-01T09:00:00-00:00", 0)]
    [InlineData("2024-03-01t09:00:00z", 0)]
    [InlineData("2024-03-01 09:00:00Z", 0)]
    [InlineData("2024-03-01T09:00:00.5Z", 500_000)]
    [InlineData("2024-03-01T09:00:00,5Z", 500_000)]
    [InlineData("2024-03-01T09:00:00.123Z", 123_000)]
    [InlineData("2024-03-01T09:00:00.123456Z", 123_456)]
    [InlineData("2024-03-01T11:00:00.123456+02:00", 123_456)]
    [InlineData("2024-03-01T09:00:00.1234567Z", 123_456)]
    [InlineData("2024-03-01T09:00:00.123456999999Z", 123_456)]
    [InlineData("2024-03-01T08:59:59.999999-00:00", -1)]
    [InlineData("2024-03-02T00:30:00+15:30", 0)]
    public void Read_Timestamp_ConvertedToUtcMicrosExactly(string timestamp, long microsAfterNine)
    {
        // Every value is 2024-03-01T09:00:00Z plus a fraction.
        Assert.Equal(1_709_283_600_000_000L + microsAfterNine, Accept(Message(("timestamp", Q(timestamp)))).Timestamp);
    }

    [Fact]
    public void Read_TimestampBeforeEpoch_RoundsTowardsThePast()
    {
        Assert.Equal(-1, Accept(Message(("timestamp", "\"1969-12-31T23:59:59.9999995Z\""))).Timestamp);
        Assert.Equal(-Time.MicrosPerSecond, Accept(Message(("timestamp", "\"1969-12-31T23:59:59Z\""))).Timestamp);
    }

    [Fact]
    public void Read_TimestampAcrossLeapDay_Converted()
    {
        var e = Accept(Message(("timestamp", "\"2024-03-01T00:30:00+01:00\"")));

        Assert.Equal("2024-02-29T23:30:00Z", Time.ToIso(e.Timestamp));
    }
}
