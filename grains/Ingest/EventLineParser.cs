using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Unicode;
using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// Turns one NDJSON line into a <see cref="CareEvent"/> or a reject reason. A single forward pass
/// with <see cref="Utf8JsonReader"/> records where each known field's value lies; validation and
/// the event are built afterwards from those positions (<see cref="EventBuilder"/>), so a rejected
/// line allocates nothing but its reason. Reusable and not thread-safe: one per reader.
/// </summary>
internal sealed class EventLineParser : IDisposable
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow };

    private readonly FieldValue[] values = new FieldValue[EventFieldNames.Count];
    private readonly EventBuilder builder = new();
    private byte[] scratch = [];
    private int scratchUsed;
    private int seen;
    private int present;

    /// <summary>The canonical JSON of the last accepted line.</summary>
    public ReadOnlySpan<byte> Canonical => builder.Canonical;

    /// <summary>Parses a non-blank line without its line break into an event, or says why not.</summary>
    public bool TryParse(ReadOnlySpan<byte> line, [NotNullWhen(true)] out CareEvent? careEvent, [NotNullWhen(false)] out string? reason)
    {
        var parsed = TryParse(line, out LineEvent lineEvent, out reason);
        careEvent = parsed ? lineEvent.ToCareEvent() : null;
        return parsed;
    }

    /// <summary>Parses a non-blank line without its line break into an event still in the line's bytes, or says why not.</summary>
    public bool TryParse(ReadOnlySpan<byte> line, out LineEvent lineEvent, [NotNullWhen(false)] out string? reason)
    {
        lineEvent = default;
        // Checked up front for the whole line: the reader does not validate UTF-8 inside strings
        // it is never asked to decode (unknown fields), and a line is accepted or not as a whole.
        reason = !Utf8.IsValid(line) ? Reasons.InvalidUtf8 : Scan(line);
        return reason is null && builder.TryBuild(new LineFields(line, values, scratch, present), out lineEvent, out reason);
    }

    private string? Scan(ReadOnlySpan<byte> line)
    {
        seen = 0;
        present = 0;
        scratchUsed = 0;
        string? fieldError = null;
        var reader = new Utf8JsonReader(line, ReaderOptions);
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return Reasons.NotAnObject;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = EventFieldNames.Match(ref reader);
                reader.Read();
                if (field < 0)
                {
                    // Unknown fields are ignored, nested objects and arrays included.
                    reader.Skip();
                    continue;
                }
                // Take always runs, even after an error, so that the reader stays on the value's end;
                // the first field error is kept, but malformed JSON later in the line wins over it.
                var error = Take((EventField)field, ref reader);
                fieldError ??= error;
            }
            // Past the closing brace only whitespace may follow; anything else throws here.
            reader.Read();
        }
        catch (JsonException e)
        {
            return Reasons.Malformed(e);
        }
        return fieldError;
    }

    private string? Take(EventField field, ref Utf8JsonReader reader)
    {
        var bit = 1 << (int)field;
        if ((seen & bit) != 0)
        {
            // Only known fields are checked: unknown ones never reach the event, so their
            // repetition cannot change its meaning, and tracking them would cost a set per line.
            reader.Skip();
            return Reasons.Duplicate(field);
        }
        seen |= bit;
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return Store(field, bit, ref reader);
            case JsonTokenType.Null:
                // null means absent, for required fields too (they then report "missing").
                return null;
            default:
                var token = reader.TokenType;
                reader.Skip();
                return Reasons.WrongType(field, token);
        }
    }

    private string? Store(EventField field, int bit, ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            // TokenStartIndex is the opening quote; the value starts right after it.
            values[(int)field] = new FieldValue(checked((int)reader.TokenStartIndex + 1), reader.ValueSpan.Length, false);
        }
        else
        {
            // Unescaping never lengthens a value, so its escaped length is enough room.
            EnsureScratch(scratchUsed + reader.ValueSpan.Length);
            int written;
            try
            {
                written = reader.CopyString(scratch.AsSpan(scratchUsed));
            }
            catch (InvalidOperationException)
            {
                return Reasons.BadEscape(field);
            }
            values[(int)field] = new FieldValue(scratchUsed, written, true);
            scratchUsed += written;
        }
        present |= bit;
        return null;
    }

    private void EnsureScratch(int size)
    {
        if (scratch.Length >= size)
        {
            return;
        }
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(size, Math.Max(1024, scratch.Length * 2)));
        scratch.AsSpan(0, scratchUsed).CopyTo(larger);
        Return(scratch);
        scratch = larger;
    }

    public void Dispose()
    {
        Return(scratch);
        scratch = [];
        builder.Dispose();
    }

    private static void Return(byte[] buffer)
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
