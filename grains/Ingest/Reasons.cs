using System.Text;
using System.Text.Json;

namespace Analytics.Ingest;

/// <summary>
/// Reject reasons, in the form "FIELD REASON[: detail]". Everything after the first colon is
/// detail: <see cref="Analytics.Models.RejectedLine.Category"/> counts by the text before it, so
/// values and sizes go after the colon and categories stay few.
/// </summary>
internal static class Reasons
{
    public const string InvalidUtf8 = "invalid UTF-8";
    public const string NotAnObject = "not a JSON object";

    // Input echoed into a reason is capped so that a reason stays a short, safe log line.
    private const int MaxEchoChars = 40;
    private const int MaxReaderMessageChars = 160;

    public static string Missing(EventField f) => $"{Name(f)} missing";

    public static string Empty(EventField f) => $"{Name(f)} empty";

    public static string Duplicate(EventField f) => $"duplicate field '{Name(f)}'";

    public static string WrongType(EventField f, JsonTokenType token) =>
        $"{Name(f)} wrong type: {TypeName(token)} (expected string)";

    public static string TooLongChars(EventField f, int chars, int max) => $"{Name(f)} too long: {chars} chars (max {max})";

    public static string TooLongBytes(EventField f, int bytes, int max) => $"{Name(f)} too long: {bytes} bytes (max {max})";

    public static string LineTooLong(long bytes, int max) => $"line too long: {bytes} bytes (max {max})";

    public static string BadEscape(EventField f) => $"{Name(f)} invalid: unpaired surrogate in a \\u escape";

    public static string NotOneOf(EventField f, ReadOnlySpan<byte> value, string allowed) =>
        $"{Name(f)} invalid: '{Echo(value)}' ({allowed})";

    public static string BrandWithSlash(ReadOnlySpan<byte> value) =>
        $"brand invalid: '{Echo(value)}' contains '/' (a brand is a path segment of the API)";

    public static string BrandNotAllowed(string brand) =>
        $"brand not allowed: this API key may not write brand '{brand}'";

    public static string TimestampInFuture(long micros, TimeSpan skew) =>
        $"timestamp in the future: {Models.Time.ToIso(micros)} is more than {skew.TotalMinutes:0.#} min ahead of the silo's clock";

    public static string TimestampInvalid(ReadOnlySpan<byte> value) =>
        $"timestamp invalid: '{Echo(value)}' is not ISO-8601 with an offset";

    public static string TimestampOutOfRange(ReadOnlySpan<byte> value) =>
        $"timestamp invalid: '{Echo(value)}' is outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z in UTC";

    public static string TimestampWithoutOffset(ReadOnlySpan<byte> value) =>
        $"timestamp invalid: '{Echo(value)}' has no offset (add Z or +hh:mm)";

    public static string Malformed(JsonException e)
    {
        // The reader's message ends with " LineNumber: 0 | BytePositionInLine: n." (always line 0
        // here, since a record never spans lines): keep the sentence, report the byte once.
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            message = message[..cut];
        }
        // Some messages open with the offending input in quotes ("'nooo...' is an invalid JSON
        // literal"), which can be as long as the line: clip that part like any other echo.
        var quoteEnd = message.StartsWith('\'') ? message.LastIndexOf("' is ", StringComparison.Ordinal) : -1;
        if (quoteEnd > 0)
        {
            message = $"'{Clip(message[1..quoteEnd], truncated: false)}{message[quoteEnd..]}";
        }
        if (message.Length > MaxReaderMessageChars)
        {
            message = message[..MaxReaderMessageChars] + "...";
        }
        return e.BytePositionInLine is { } at ? $"malformed JSON: {message} (byte {at})" : $"malformed JSON: {message}";
    }

    /// <summary>At most <see cref="MaxEchoChars"/> chars of a (valid UTF-8) value, control chars shown as '?'.</summary>
    public static string Echo(ReadOnlySpan<byte> utf8)
    {
        // Decoding a bounded prefix keeps the cost independent of the value's size; a char that
        // the cut splits decodes as U+FFFD and is then clipped off with the rest.
        var prefix = utf8[..Math.Min(utf8.Length, (MaxEchoChars + 1) * 4)];
        return Clip(Encoding.UTF8.GetString(prefix), truncated: prefix.Length < utf8.Length);
    }

    private static string Clip(string text, bool truncated)
    {
        if (text.Length > MaxEchoChars)
        {
            truncated = true;
            text = text[..(char.IsHighSurrogate(text[MaxEchoChars - 1]) ? MaxEchoChars - 1 : MaxEchoChars)];
        }
        var builder = new StringBuilder(text.Length + 3);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }
        return truncated ? builder.Append("...").ToString() : builder.ToString();
    }

    private static string Name(EventField f) => EventFieldNames.Name(f);

    private static string TypeName(JsonTokenType token) => token switch
    {
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        _ => token.ToString(),
    };
}
