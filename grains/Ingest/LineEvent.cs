using System.Text;
using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// An accepted line's event while its line is still at hand: the id and conversation id are the
/// line's own UTF-8 (or the parser's scratch), so a sink that keeps them as bytes (the history
/// import's columns) allocates nothing per event, and one that needs a <see cref="CareEvent"/>
/// builds it with <see cref="ToCareEvent"/>. Valid only until the sink returns.
/// </summary>
internal readonly ref struct LineEvent
{
    /// <summary>De-duplication key, UTF-8.</summary>
    public required ReadOnlySpan<byte> Id { get; init; }

    /// <summary>Message, follow or unfollow.</summary>
    public required EventKind Kind { get; init; }

    /// <summary>The brand (a shared string: brands repeat on every line).</summary>
    public required string Brand { get; init; }

    /// <summary>The channel, "twitter" when absent (a shared string).</summary>
    public required string Channel { get; init; }

    /// <summary>Conversation id, UTF-8; empty for follow and unfollow events.</summary>
    public required ReadOnlySpan<byte> ConversationId { get; init; }

    /// <summary>Inbound or outbound for messages, None otherwise.</summary>
    public required Direction Direction { get; init; }

    /// <summary>UTC microseconds since the Unix epoch.</summary>
    public required long Timestamp { get; init; }

    /// <summary>Digest of the canonical JSON.</summary>
    public required ulong Digest { get; init; }

    /// <summary>An inbound message whose text is a complaint (<see cref="Text.ComplaintLexicon"/>).</summary>
    public bool Complaint { get; init; }

    /// <summary>Reply sketch, author key, and the author and text when kept; null for none.</summary>
    public MessageExtras? Extras { get; init; }

    /// <summary>The event as the rest of ingest passes it on.</summary>
    public CareEvent ToCareEvent() => new(
        Encoding.UTF8.GetString(Id),
        Kind,
        Brand,
        Channel,
        ConversationId.IsEmpty ? string.Empty : Encoding.UTF8.GetString(ConversationId),
        Direction,
        Timestamp,
        Digest,
        Complaint,
        Extras);
}
