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
/// <para>Most lines are one flat object of unescaped strings: those are scanned by hand first,
/// to the same positions the reader would give, and anything else (an escape, a number, nesting,
/// a repeated field, trailing text) goes to the reader from the start, which also words the
/// reasons.</para>
/// </summary>
/// <param name="flatScan">False takes every line through the reader (tests compare the two ways).</param>
internal sealed class EventLineParser(bool flatScan = true) : IDisposable
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
        if (flatScan && TryScanFlat(line)) return null;
        seen = 0;
        present = 0;
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

    // A flat object whose values are unescaped strings or null, each known field once, nothing
    // after the closing brace but whitespace: the fields' positions, as Store would record them.
    // False for anything else, with nothing decided: the reader then scans the line afresh.
    private bool TryScanFlat(ReadOnlySpan<byte> line)
    {
        var i = SkipSpace(line, 0);
        if (i >= line.Length || line[i] != '{') return false;
        i = SkipSpace(line, i + 1);
        while (i < line.Length && line[i] == '"')
        {
            var nameLength = PlainStringLength(line, i + 1);
            if (nameLength < 0) return false;
            var field = EventFieldNames.Match(line.Slice(i + 1, nameLength));
            i = SkipSpace(line, i + 1 + nameLength + 1);
            if (i >= line.Length || line[i] != ':') return false;
            i = SkipSpace(line, i + 1);
            var bit = field < 0 ? 0 : 1 << field;
            if ((seen & bit) != 0) return false;
            seen |= bit;
            if (i < line.Length && line[i] == '"')
            {
                var length = PlainStringLength(line, i + 1);
                if (length < 0) return false;
                if (field >= 0) values[field] = new FieldValue(i + 1, length, false);
                present |= bit;
                i += length + 2;
            }
            else if (line[i..].StartsWith("null"u8))
            {
                i += 4;
            }
            else
            {
                return false;
            }
            i = SkipSpace(line, i);
            if (i < line.Length && line[i] == ',')
            {
                i = SkipSpace(line, i + 1);
                continue;
            }
            return i < line.Length && line[i] == '}' && SkipSpace(line, i + 1) == line.Length;
        }
        return false;
    }

    // The length of a string's content from start to its closing quote; -1 when it holds an escape
    // or a control character (the reader's business), or never ends.
    private static int PlainStringLength(ReadOnlySpan<byte> line, int start)
    {
        // The bytes JSON escapes: the quote that ends the string comes first unless another does.
        var length = line[start..].IndexOfAny(CanonicalJsonWriter.NeedsEscape);
        return length >= 0 && line[start + length] == '"' ? length : -1;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static int SkipSpace(ReadOnlySpan<byte> line, int from)
    {
        while (from < line.Length && line[from] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') from++;
        return from;
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
