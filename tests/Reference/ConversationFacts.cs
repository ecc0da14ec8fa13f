namespace Analytics.Tests.Reference;

/// <summary>What a single conversation's ordered messages say, before the as-of is applied.</summary>
/// <param name="T0">First inbound time; null for a conversation without inbound (volumes only).</param>
/// <param name="Channel">Channel of the t0 message; null when T0 is null.</param>
/// <param name="FrtMicros">End of the first waiting period minus t0, if it ended.</param>
/// <param name="Responses">Every ended waiting period, in message order.</param>
/// <param name="OpenSince">Start of the waiting period still running after the last message, if any.</param>
/// <param name="Complaint">An inbound complaint came before the first response (or there is none).</param>
/// <param name="Replies">The brand's messages with text.</param>
/// <param name="AuthorKey">Author key of the t0 message, 0 for none.</param>
public sealed record ConversationFacts(
    long? T0,
    string? Channel,
    long? FrtMicros,
    IReadOnlyList<ResponseEntry> Responses,
    long? OpenSince,
    bool Complaint,
    IReadOnlyList<ReplyFact> Replies,
    ulong AuthorKey);

/// <summary>A brand message with text: where it counts, its keys and whether the customer wrote again after it; canned is decided against the brand's other replies.</summary>
public sealed record ReplyFact(string Id, string Channel, long Micros, Analytics.Models.ReplySketch Sketch, bool FollowedUp, bool Canned = false);
