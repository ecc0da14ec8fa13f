using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// Validates the fields of one line (in a fixed order, so a line with several faults always
/// reports the same one), applies defaults and builds the event with its digest. Keeps the
/// canonical JSON buffer and the string cache across lines.
/// </summary>
internal sealed class EventBuilder : IDisposable
{
    private readonly Utf8StringCache strings = new();
    // Channels as the channel table's own strings: packing a contribution numbers each of its
    // cells' channels, and the table finds its own string without hashing it.
    private readonly Utf8StringCache channels = new(Domain.Packing.ChannelTable.Shared.Named);
    private byte[] canonical = ArrayPool<byte>.Shared.Rent(4096);
    private int canonicalLength;

    public ReadOnlySpan<byte> Canonical => this.canonical.AsSpan(0, canonicalLength);

    public bool TryBuild(LineFields fields, out LineEvent lineEvent, [NotNullWhen(false)] out string? reason)
    {
        lineEvent = default;
        reason = Validate(fields, out var kind, out var direction, out var timestamp);
        if (reason is not null)
        {
            return false;
        }
        // Follow and unfollow events belong to no conversation: the id is dropped, as is direction.
        var conversationId = kind == EventKind.Message ? fields[EventField.ConversationId] : default;
        var channel = fields.Has(EventField.Channel) ? fields[EventField.Channel] : "twitter"u8;
        var canonical = new CanonicalFields
        {
            Id = fields[EventField.Id],
            Kind = kind,
            Brand = fields[EventField.Brand],
            Channel = channel,
            ConversationId = conversationId,
            Direction = direction,
            Timestamp = timestamp,
            Author = fields[EventField.Author],
            HasAuthor = fields.Has(EventField.Author),
            Text = fields[EventField.Text],
            HasText = fields.Has(EventField.Text),
            InReplyTo = fields[EventField.InReplyTo],
            HasInReplyTo = fields.Has(EventField.InReplyTo),
        };
        var (complaint, extras) = Text.TextFacts.Of(
            direction,
            canonical.HasAuthor ? Encoding.UTF8.GetString(canonical.Author) : null,
            canonical.HasText ? Encoding.UTF8.GetString(canonical.Text) : null);
        lineEvent = new LineEvent
        {
            Id = canonical.Id,
            Kind = kind,
            Brand = strings.Get(canonical.Brand),
            Channel = channels.Get(channel),
            ConversationId = conversationId,
            Direction = direction,
            Timestamp = timestamp,
            Digest = Digest(canonical),
            // The text is judged here, once; whether author and text are kept is decided where
            // events enter the engine (MessageExtras.WithoutText).
            Complaint = complaint,
            Extras = extras,
        };
        return true;
    }

    public void Dispose()
    {
        if (this.canonical.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(this.canonical);
            this.canonical = [];
        }
    }

    private static string? Validate(LineFields fields, out EventKind kind, out Direction direction, out long timestamp)
    {
        kind = EventKind.Message;
        direction = Direction.None;
        timestamp = 0;
        if (CheckLength(fields, EventField.Id, EventLimits.IdMaxChars, required: true) is { } idError)
        {
            return idError;
        }
        if (fields.Has(EventField.Kind) && !TryKind(fields[EventField.Kind], out kind))
        {
            return Reasons.NotOneOf(EventField.Kind, fields[EventField.Kind], "message, follow or unfollow");
        }
        var lengthError = CheckLength(fields, EventField.Brand, EventLimits.BrandMaxChars, required: true)
            ?? CheckLength(fields, EventField.Channel, EventLimits.ChannelMaxChars, required: false);
        if (lengthError is not null)
        {
            return lengthError;
        }
        // A brand is a path segment of the API (/api/brands/{brand}/...), where '/' cannot be
        // addressed even percent-encoded: refused here rather than accepted and unreachable.
        if (fields[EventField.Brand].Contains((byte)'/'))
        {
            return Reasons.BrandWithSlash(fields[EventField.Brand]);
        }
        if (kind == EventKind.Message)
        {
            // For follow and unfollow both fields are ignored (a wrong JSON type is still refused, as for any known field).
            if (CheckLength(fields, EventField.ConversationId, EventLimits.ConversationIdMaxChars, required: true) is { } conversationError)
            {
                return conversationError;
            }
            if (!fields.Has(EventField.Direction))
            {
                return Reasons.Missing(EventField.Direction);
            }
            if (!TryDirection(fields[EventField.Direction], out direction))
            {
                return Reasons.NotOneOf(EventField.Direction, fields[EventField.Direction], "inbound or outbound");
            }
        }
        if (!fields.Has(EventField.Timestamp))
        {
            return Reasons.Missing(EventField.Timestamp);
        }
        var text = fields[EventField.Timestamp];
        switch (IsoTimestamp.TryParse(text, out timestamp))
        {
            case IsoTimestamp.Outcome.NoOffset:
                return Reasons.TimestampWithoutOffset(text);
            case IsoTimestamp.Outcome.Invalid:
                return Reasons.TimestampInvalid(text);
            case IsoTimestamp.Outcome.OutOfRange:
                return Reasons.TimestampOutOfRange(text);
        }
        var textBytes = fields[EventField.Text].Length;
        return textBytes > EventLimits.TextMaxBytes ? Reasons.TooLongBytes(EventField.Text, textBytes, EventLimits.TextMaxBytes) : null;
    }

    private ulong Digest(scoped in CanonicalFields fields)
    {
        var needed = CanonicalJsonWriter.MaxLength(fields);
        if (this.canonical.Length < needed)
        {
            ArrayPool<byte>.Shared.Return(this.canonical);
            this.canonical = ArrayPool<byte>.Shared.Rent(needed);
        }
        canonicalLength = CanonicalJsonWriter.Write(fields, this.canonical);
        return CanonicalJson.Digest(Canonical);
    }

    /// <summary>Checks a string field's presence and length in UTF-16 chars; null when fine.</summary>
    private static string? CheckLength(LineFields fields, EventField field, int maxChars, bool required)
    {
        if (!fields.Has(field))
        {
            return required ? Reasons.Missing(field) : null;
        }
        var value = fields[field];
        if (value.IsEmpty)
        {
            return Reasons.Empty(field);
        }
        // A UTF-8 byte never yields more than one UTF-16 char, so short values need no counting.
        if (value.Length <= maxChars)
        {
            return null;
        }
        var chars = Encoding.UTF8.GetCharCount(value);
        return chars > maxChars ? Reasons.TooLongChars(field, chars, maxChars) : null;
    }

    // Values are matched exactly (lowercase, as the spec writes them): a near miss is rejected, not guessed.
    private static bool TryKind(ReadOnlySpan<byte> value, out EventKind kind)
    {
        kind = EventKind.Message;
        if (value.SequenceEqual("message"u8))
        {
            return true;
        }
        kind = EventKind.Follow;
        if (value.SequenceEqual("follow"u8))
        {
            return true;
        }
        kind = EventKind.Unfollow;
        return value.SequenceEqual("unfollow"u8);
    }

    private static bool TryDirection(ReadOnlySpan<byte> value, out Direction direction)
    {
        direction = value.SequenceEqual("inbound"u8) ? Direction.Inbound
            : value.SequenceEqual("outbound"u8) ? Direction.Outbound
            : Direction.None;
        return direction != Direction.None;
    }
}
