namespace Analytics.Models;

/// <summary>An event as a conversation keeps it: small, and without brand or conversation id (its grain key has them).</summary>
/// <param name="Id">De-duplication key.</param>
/// <param name="Kind">Message, follow or unfollow.</param>
/// <param name="Direction">Inbound or outbound for messages, None otherwise.</param>
/// <param name="Timestamp">UTC microseconds since the Unix epoch.</param>
/// <param name="Channel">Channel of the event.</param>
/// <param name="Digest">Digest of the canonical JSON; of two copies of one id the smaller digest is kept.</param>
/// <param name="Complaint">An inbound message classified as a complaint.</param>
/// <param name="Extras">Reply sketch, author key, and the author and text when kept; null for none.</param>
[GenerateSerializer, Immutable, Alias("analytics.ConversationEvent")]
public sealed record ConversationEvent(
    string Id,
    EventKind Kind,
    Direction Direction,
    long Timestamp,
    string Channel,
    ulong Digest,
    bool Complaint = false,
    MessageExtras? Extras = null);
