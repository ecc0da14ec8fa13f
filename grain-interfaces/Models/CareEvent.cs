namespace Analytics.Models;

/// <summary>
/// One validated input event (METRICS-SPEC section 1) as it travels from ingest to the grains.
/// Of the text, what the metrics need (<see cref="Complaint"/>, <see cref="Extras"/>) and, when kept, the text; plus <see cref="Digest"/> so that conflicting
/// copies of one id resolve the same way whatever their arrival order.
/// </summary>
/// <param name="Id">De-duplication key.</param>
/// <param name="Kind">Message, follow or unfollow.</param>
/// <param name="Brand">The brand account.</param>
/// <param name="Channel">Channel, "twitter" when absent.</param>
/// <param name="ConversationId">Conversation id; empty for follow and unfollow events.</param>
/// <param name="Direction">Inbound or outbound for messages, None otherwise.</param>
/// <param name="Timestamp">Event time in UTC microseconds since the Unix epoch.</param>
/// <param name="Digest">64-bit digest of the event's canonical JSON.</param>
/// <param name="Complaint">An inbound message whose text the complaint classifier judged a complaint.</param>
/// <param name="Extras">What the event carries beyond the metrics' facts (reply sketch, author key, and the author and text when kept); null for none.</param>
[GenerateSerializer, Immutable, Alias("analytics.CareEvent")]
public sealed record CareEvent(
    string Id,
    EventKind Kind,
    string Brand,
    string Channel,
    string ConversationId,
    Direction Direction,
    long Timestamp,
    ulong Digest,
    bool Complaint = false,
    MessageExtras? Extras = null)
{
    /// <summary>The event as it enters the engine: without its author and text unless <paramref name="keepText"/> (<c>Analytics:KeepText</c>).</summary>
    public CareEvent Kept(bool keepText) => keepText || Extras is null ? this : this with { Extras = Extras.WithoutText() };

    /// <summary>The part of the event a conversation keeps.</summary>
    public ConversationEvent ToConversationEvent() => new(Id, Kind, Direction, Timestamp, Channel, Digest, Complaint, Extras);
}
