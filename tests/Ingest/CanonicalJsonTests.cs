using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Analytics.Ingest;
using Analytics.Models;
using Xunit;
using static Analytics.Tests.Ingest.NdjsonTestLines;

namespace Analytics.Tests.Ingest;

public class CanonicalJsonTests
{
    [Fact]
    public void TryCanonicalize_Message_SortsKeysAppliesDefaultsNormalizesTime()
    {
        const string line = """
            { "timestamp": "2024-03-01T10:00:00.5+01:00", "text": "hi \"there\"\n\u00e9\/", "id": "1",
              "direction": "inbound", "brand": "AcmeHelp", "conversationId": "c1", "author": "cust",
              "extra": {"a": [1]}, "inReplyTo": null }
            """;

        Assert.True(CanonicalJson.TryCanonicalize(line.ReplaceLineEndings(" "), out var canonical, out var reason), reason);
        Assert.Equal(
            "{\"author\":\"cust\",\"brand\":\"AcmeHelp\",\"channel\":\"twitter\",\"conversationId\":\"c1\",\"direction\":\"inbound\","
            + "\"id\":\"1\",\"kind\":\"message\",\"text\":\"hi \\\"there\\\"\\n\u00e9/\",\"timestamp\":\"2024-03-01T09:00:00.500000Z\"}",
            canonical);
    }

    [Fact]
    public void TryCanonicalize_Follow_OmitsConversationAndDirection()
    {
        const string line = "{\"id\":\"f1\",\"kind\":\"follow\",\"brand\":\"B\",\"conversationId\":\"c\",\"direction\":\"inbound\",\"timestamp\":\"2024-03-01T09:00:00+00:00\"}";

        Assert.True(CanonicalJson.TryCanonicalize(line, out var canonical, out _));
        Assert.Equal("{\"brand\":\"B\",\"channel\":\"twitter\",\"id\":\"f1\",\"kind\":\"follow\",\"timestamp\":\"2024-03-01T09:00:00Z\"}", canonical);
    }

    [Fact]
    public void TryCanonicalize_ControlChars_EscapedAsJcs()
    {
        Assert.True(CanonicalJson.TryCanonicalize(Message(("text", "\"\\u0001\\u001F\\t\\b\\f\\r\\u0041\\\\\"")), out var canonical, out _));
        Assert.Contains("\"text\":\"\\u0001\\u001f\\t\\b\\f\\rA\\\\\"", canonical);
    }

    [Fact]
    public void TryCanonicalize_BadLine_ReturnsReason()
    {
        Assert.False(CanonicalJson.TryCanonicalize(Message(("timestamp", null)), out var canonical, out var reason));
        Assert.Null(canonical);
        Assert.Equal("timestamp missing", reason);
    }

    [Fact]
    public void Digest_Parsed_IsXxh3OfCanonicalJson()
    {
        var line = Message();
        Assert.True(CanonicalJson.TryCanonicalize(line, out var canonical, out _));

        Assert.Equal(System.IO.Hashing.XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(canonical)), Accept(line).Digest);
    }

    [Fact]
    public void Digest_SamePayloadDifferentKeyOrderWhitespaceAndOffset_Equal()
    {
        var a = Accept("{\"id\":\"m1\",\"brand\":\"AcmeHelp\",\"conversationId\":\"c1\",\"direction\":\"inbound\",\"timestamp\":\"2024-03-01T09:00:00Z\",\"text\":\"hello\",\"author\":\"u\"}");
        var b = Accept("  { \"author\" : \"u\" , \"text\":\"hel\\u006co\",\"timestamp\" : \"2024-03-01T11:00:00.000+02:00\","
            + "\t\"direction\":\"inbound\", \"conversationId\":\"c1\",\"brand\":\"AcmeHelp\",\"id\":\"m1\", \"kind\":\"message\", \"channel\":\"twitter\", \"ignored\": [1] }  ");

        Assert.Equal(a, b);
    }

    [Fact]
    public void Digest_DifferentText_Differs()
    {
        Assert.NotEqual(Accept(Message(("text", "\"a\""))).Digest, Accept(Message(("text", "\"b\""))).Digest);
    }

    [Fact]
    public void Digest_EmptyTextAndAbsentText_Differ()
    {
        Assert.NotEqual(Accept(Message(("text", "\"\""))).Digest, Accept(Message(("text", null))).Digest);
    }

    [Theory]
    [InlineData("author", "\"someone-else\"")]
    [InlineData("inReplyTo", "\"m0\"")]
    [InlineData("timestamp", "\"2024-03-01T09:00:00.000001Z\"")]
    [InlineData("direction", "\"outbound\"")]
    [InlineData("channel", "\"email\"")]
    [InlineData("brand", "\"Other\"")]
    public void Digest_AnyOtherFieldChanged_Differs(string field, string raw)
    {
        Assert.NotEqual(Accept(Message()).Digest, Accept(Message((field, raw))).Digest);
    }

    [Fact]
    public void DigestOf_FieldsOfParsedEvent_EqualsParsedDigest()
    {
        var e = Accept(Message(("inReplyTo", "\"m0\"")));

        Assert.Equal(e.Digest, CanonicalJson.DigestOf(e, author: "cust-1", text: "my order never arrived", inReplyTo: "m0"));
        Assert.True(CanonicalJson.TryCanonicalize(Message(("inReplyTo", "\"m0\"")), out var canonical, out _));
        Assert.Equal(canonical, CanonicalJson.Of(e, author: "cust-1", text: "my order never arrived", inReplyTo: "m0"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1_709_283_600_000_000L)]
    [InlineData(1_709_283_600_000_001L)]
    [InlineData(1_709_283_600_120_000L)]
    [InlineData(-1L)]
    public void Of_Timestamp_WrittenAsTimeToIso(long micros)
    {
        var e = new CareEvent("i", EventKind.Follow, "b", "twitter", "", Direction.None, micros, 0);

        Assert.EndsWith($"\"timestamp\":\"{Time.ToIso(micros)}\"}}", CanonicalJson.Of(e));
    }

    [Fact]
    public void Of_RandomTimestampsFromYear1To9999_WrittenAsTimeToIso()
    {
        var rng = new Random(5);
        var (min, max) = (Time.FromDateTimeOffset(DateTimeOffset.MinValue), Time.FromDateTimeOffset(DateTimeOffset.MaxValue));
        for (var i = 0; i < 20_000; i++)
        {
            var micros = rng.NextInt64(min, max);
            // Whole seconds and single microseconds too, not only random fractions.
            micros = (i % 3) switch { 0 => micros - (micros % Time.MicrosPerSecond), 1 => micros - (micros % Time.MicrosPerSecond) + 1, _ => micros };
            var e = new CareEvent("i", EventKind.Follow, "b", "twitter", "", Direction.None, micros, 0);
            Assert.EndsWith($"\"timestamp\":\"{Time.ToIso(micros)}\"}}", CanonicalJson.Of(e));
        }
    }

    [Fact]
    public void Of_TimestampsInTimeOrderAcrossMinutesAndTheEpoch_WrittenAsTimeToIso()
    {
        // Steps within a minute and across minutes, days and the epoch: the writer keeps the text
        // of the last minute it wrote, and must notice every change of it.
        var rng = new Random(11);
        var micros = -(3 * Time.MicrosPerMinute) - 7;
        for (var i = 0; i < 20_000; i++)
        {
            micros += (i % 4) switch { 0 => rng.NextInt64(Time.MicrosPerMinute), 1 => rng.NextInt64(1_000), 2 => Time.MicrosPerSecond, _ => rng.NextInt64(30 * Time.MicrosPerHour) };
            var e = new CareEvent("i", EventKind.Follow, "b", "twitter", "", Direction.None, micros, 0);
            Assert.EndsWith($"\"timestamp\":\"{Time.ToIso(micros)}\"}}", CanonicalJson.Of(e));
        }
    }

    [Fact]
    public void Of_EmptyStringsAndLongestFixedParts_FitsTheBuffer()
    {
        var e = new CareEvent("", EventKind.Message, "", "", "", Direction.Outbound, 1_709_283_600_000_001L, 0);

        Assert.Equal(
            "{\"author\":\"\",\"brand\":\"\",\"channel\":\"\",\"conversationId\":\"\",\"direction\":\"outbound\",\"id\":\"\","
            + "\"inReplyTo\":\"\",\"kind\":\"message\",\"text\":\"\",\"timestamp\":\"2024-03-01T09:00:00.000001Z\"}",
            CanonicalJson.Of(e, author: "", text: "", inReplyTo: ""));
    }
}
