namespace Analytics.Tests.Reference;

/// <summary>One accepted input event, reduced to what the metrics read.</summary>
/// <param name="Id">De-duplication key.</param>
/// <param name="Kind">Message, follow or unfollow.</param>
/// <param name="Brand">The brand account.</param>
/// <param name="Channel">The event's channel, "twitter" when absent.</param>
/// <param name="Micros">Event time as UTC microseconds since 0001-01-01 (DateTime ticks / 10).</param>
/// <param name="ConversationId">Null for follow/unfollow.</param>
/// <param name="Inbound">Meaningful for messages only.</param>
/// <param name="Complaint">An inbound message whose text the engine's classifier calls a complaint (the classifier has its own tests).</param>
/// <param name="Sketch">An outbound message's near-duplicate keys from its text (ReplySketches, tested on its own); null without text.</param>
/// <param name="AuthorKey">The author's key (AuthorKeys), 0 without an author.</param>
public sealed record RefEvent(
    string Id,
    RefEventKind Kind,
    string Brand,
    string Channel,
    string? ConversationId,
    bool Inbound,
    long Micros,
    bool Complaint = false,
    Analytics.Models.ReplySketch? Sketch = null,
    ulong AuthorKey = 0);
