using System.Text;
using System.Text.Json;
using Analytics.Ingest;
using Analytics.Models;
using Xunit;

namespace Analytics.Tests.Ingest;

/// <summary>Builds NDJSON lines from a valid base event and parses them.</summary>
internal static class NdjsonTestLines
{
    /// <summary>The base message event's fields as raw JSON values, in writing order.</summary>
    private static readonly (string Key, string Raw)[] BaseMessage =
    [
        ("id", "\"m1\""),
        ("kind", "\"message\""),
        ("brand", "\"AcmeHelp\""),
        ("channel", "\"twitter\""),
        ("conversationId", "\"c1\""),
        ("author", "\"cust-1\""),
        ("direction", "\"inbound\""),
        ("timestamp", "\"2024-03-01T09:00:00Z\""),
        ("text", "\"my order never arrived\""),
    ];

    /// <summary>A JSON string literal.</summary>
    public static string Q(string value) => JsonSerializer.Serialize(value);

    /// <summary>
    /// The base message with fields replaced by raw JSON values; a null value removes the field,
    /// and keys the base lacks are appended.
    /// </summary>
    public static string Message(params (string Key, string? Raw)[] changes)
    {
        var fields = BaseMessage.Select(f => (f.Key, Raw: (string?)f.Raw)).ToList();
        foreach (var (key, raw) in changes)
        {
            var at = fields.FindIndex(f => f.Key == key);
            if (at >= 0)
            {
                fields[at] = (key, raw);
            }
            else
            {
                fields.Add((key, raw));
            }
        }
        return "{" + string.Join(",", fields.Where(f => f.Raw is not null).Select(f => $"{Q(f.Key)}:{f.Raw}")) + "}";
    }

    public static List<ParsedLine> Parse(string body) => Parse(Encoding.UTF8.GetBytes(body));

    public static List<ParsedLine> Parse(byte[] body, int maxLineBytes = EventLimits.DefaultMaxLineBytes) =>
        NdjsonReader.ReadAsync(new MemoryStream(body), maxLineBytes).ToBlockingEnumerable().ToList();

    public static CareEvent Accept(string line)
    {
        var parsed = Assert.Single(Parse(line));
        Assert.True(parsed.IsAccepted, parsed.Reject?.Reason);
        return parsed.Event!;
    }

    public static string RejectReason(string line) => RejectReason(Encoding.UTF8.GetBytes(line));

    public static string RejectReason(byte[] line)
    {
        var parsed = Assert.Single(Parse(line));
        Assert.Null(parsed.Event);
        Assert.NotNull(parsed.Reject);
        Assert.Equal(1, parsed.Reject.Line);
        return parsed.Reject.Reason;
    }
}
