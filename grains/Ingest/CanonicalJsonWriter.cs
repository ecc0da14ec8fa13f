using System.Buffers;
using System.Globalization;
using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// Writes canonical JSON (see <see cref="CanonicalJson"/>) straight into a byte buffer: keys are
/// constants in their sorted order, so there is no sorting, no writer object and no allocation.
/// </summary>
internal static class CanonicalJsonWriter
{
    // Escaping never needs more than \u00XX (6 bytes) per input byte.
    private const int MaxEscapeBytes = 6;

    // Everything but the string values: braces, every key with quotes, colon and comma, the
    // values' quotes, kind, direction and a 27-byte timestamp add up to 173 bytes at most.
    private const int FixedBytes = 192;

    /// <summary>The bytes a JSON string escapes: control characters, the quote and the backslash.</summary>
    internal static readonly SearchValues<byte> NeedsEscape = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'\\']);

    /// <summary>An upper bound of the bytes <see cref="Write"/> needs.</summary>
    public static int MaxLength(scoped in CanonicalFields f)
    {
        long strings = f.Id.Length + f.Brand.Length + f.Channel.Length + f.ConversationId.Length
            + f.Author.Length + f.Text.Length + f.InReplyTo.Length;
        return checked((int)((strings * MaxEscapeBytes) + FixedBytes));
    }

    /// <summary>Writes the canonical JSON into <paramref name="destination"/> (at least <see cref="MaxLength"/> bytes) and returns its length.</summary>
    public static int Write(scoped in CanonicalFields f, Span<byte> destination)
    {
        var message = f.Kind == EventKind.Message;
        var pos = 0;
        destination[pos++] = (byte)'{';
        if (f.HasAuthor)
        {
            pos += Property("\"author\":"u8, f.Author, destination[pos..]);
        }
        pos += Property("\"brand\":"u8, f.Brand, destination[pos..]);
        pos += Property("\"channel\":"u8, f.Channel, destination[pos..]);
        if (message)
        {
            pos += Property("\"conversationId\":"u8, f.ConversationId, destination[pos..]);
            if (f.Direction != Direction.None)
            {
                pos += Raw(f.Direction == Direction.Inbound ? "\"direction\":\"inbound\","u8 : "\"direction\":\"outbound\","u8, destination[pos..]);
            }
        }
        pos += Property("\"id\":"u8, f.Id, destination[pos..]);
        if (f.HasInReplyTo)
        {
            pos += Property("\"inReplyTo\":"u8, f.InReplyTo, destination[pos..]);
        }
        pos += Raw(f.Kind switch
        {
            EventKind.Follow => "\"kind\":\"follow\","u8,
            EventKind.Unfollow => "\"kind\":\"unfollow\","u8,
            _ => "\"kind\":\"message\","u8,
        }, destination[pos..]);
        if (f.HasText)
        {
            pos += Property("\"text\":"u8, f.Text, destination[pos..]);
        }
        pos += Raw("\"timestamp\":\""u8, destination[pos..]);
        pos += Timestamp(f.Timestamp, destination[pos..]);
        pos += Raw("\"}"u8, destination[pos..]);
        return pos;
    }

    // "key":"escaped value",
    private static int Property(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, Span<byte> destination)
    {
        var pos = Raw(key, destination);
        destination[pos++] = (byte)'"';
        while (true)
        {
            var next = value.IndexOfAny(NeedsEscape);
            if (next < 0)
            {
                pos += Raw(value, destination[pos..]);
                break;
            }
            pos += Raw(value[..next], destination[pos..]);
            pos += Escape(value[next], destination[pos..]);
            value = value[(next + 1)..];
        }
        destination[pos++] = (byte)'"';
        destination[pos++] = (byte)',';
        return pos;
    }

    private static int Escape(byte b, Span<byte> destination)
    {
        destination[0] = (byte)'\\';
        byte shortForm = b switch
        {
            (byte)'"' => (byte)'"',
            (byte)'\\' => (byte)'\\',
            (byte)'\b' => (byte)'b',
            (byte)'\f' => (byte)'f',
            (byte)'\n' => (byte)'n',
            (byte)'\r' => (byte)'r',
            (byte)'\t' => (byte)'t',
            _ => 0,
        };
        if (shortForm != 0)
        {
            destination[1] = shortForm;
            return 2;
        }
        // JCS: other control chars as \u00xx with lowercase hex.
        "u00"u8.CopyTo(destination[1..]);
        destination[4] = (byte)"0123456789abcdef"[b >> 4];
        destination[5] = (byte)"0123456789abcdef"[b & 0xF];
        return MaxEscapeBytes;
    }

    // The text of the minute last written on this thread: a file's events come in time order, so
    // most share their minute with the event before.
    [ThreadStatic]
    private static MinuteText? lastMinute;

    private static int Timestamp(long micros, Span<byte> destination)
    {
        // Same text as Time.ToIso, written digit by digit: DateTime's custom formatting was 2-3% of
        // a history import's CPU, and splitting the date out of the ticks was 1.5% after that.
        var minute = Time.MinuteOf(micros);
        var text = lastMinute ??= new MinuteText();
        if (text.Minute != minute) text.Write(minute);
        text.Bytes.CopyTo(destination);
        var withinMinute = micros - (minute * Time.MicrosPerMinute);
        destination[16] = (byte)':';
        Digits(destination[17..], (int)(withinMinute / Time.MicrosPerSecond), 2);
        var at = 19;
        var fraction = (int)(withinMinute % Time.MicrosPerSecond);
        if (fraction != 0)
        {
            destination[at++] = (byte)'.';
            Digits(destination[at..], fraction, 6);
            at += 6;
        }
        destination[at++] = (byte)'Z';
        return at;
    }

    // "yyyy-MM-ddTHH:mm" of one minute.
    private sealed class MinuteText
    {
        public long Minute { get; private set; } = long.MinValue;

        public byte[] Bytes { get; } = new byte[16];

        public void Write(long minute)
        {
            var value = Time.ToDateTimeOffset(minute * Time.MicrosPerMinute).UtcDateTime;
            var destination = Bytes.AsSpan();
            Digits(destination, value.Year, 4);
            destination[4] = (byte)'-';
            Digits(destination[5..], value.Month, 2);
            destination[7] = (byte)'-';
            Digits(destination[8..], value.Day, 2);
            destination[10] = (byte)'T';
            Digits(destination[11..], value.Hour, 2);
            destination[13] = (byte)':';
            Digits(destination[14..], value.Minute, 2);
            Minute = minute;
        }
    }

    private static void Digits(Span<byte> destination, int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static int Raw(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        bytes.CopyTo(destination);
        return bytes.Length;
    }
}
