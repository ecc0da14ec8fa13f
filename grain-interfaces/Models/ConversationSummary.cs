namespace Analytics.Models;

/// <summary>A customer conversation as its brand sees it at the as-of.</summary>
/// <param name="ConversationId">The conversation within its brand.</param>
/// <param name="Channel">Channel of its t0 message.</param>
/// <param name="T0">First inbound message, UTC microseconds.</param>
/// <param name="Frt">First response time in microseconds, if the first waiting period ended.</param>
/// <param name="WaitingSince">Start of the waiting period running at the as-of, if any.</param>
/// <param name="Status">Responded, pending or unanswered.</param>
/// <param name="Risk">Unfollow risk, pUnfollow * F(w).</param>
[GenerateSerializer, Immutable, Alias("analytics.ConversationSummary")]
public sealed record ConversationSummary(
    string ConversationId,
    string Channel,
    long T0,
    long? Frt,
    long? WaitingSince,
    ConversationStatus Status,
    double Risk);
