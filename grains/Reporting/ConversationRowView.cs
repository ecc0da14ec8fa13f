using Analytics.Models;

namespace Analytics.Reporting;

/// <summary>A customer conversation in a listing, with times as ISO-8601 and durations in seconds.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Channel">Its channel (of the t0 message).</param>
/// <param name="T0">First inbound message.</param>
/// <param name="FrtSeconds">First response time, if any.</param>
/// <param name="WaitingSince">Start of the running waiting period, if any.</param>
/// <param name="WaitingSeconds">As-of minus that start.</param>
/// <param name="Status">responded, pending or unanswered.</param>
/// <param name="Risk">Unfollow risk of the conversation (METRICS-SPEC section 5).</param>
public sealed record ConversationRowView(
    string ConversationId,
    string Channel,
    string T0,
    double? FrtSeconds,
    string? WaitingSince,
    double? WaitingSeconds,
    string Status,
    double Risk)
{
    /// <summary>The view of a summary at an as-of.</summary>
    public static ConversationRowView Of(ConversationSummary s, long? asOf) => new(
        s.ConversationId,
        s.Channel,
        Time.ToIso(s.T0),
        s.Frt is { } f ? Time.ToSeconds(f) : null,
        s.WaitingSince is { } w ? Time.ToIso(w) : null,
        s.WaitingSince is { } since && asOf is { } a ? Time.ToSeconds(a - since) : null,
        s.Status.ToString().ToLowerInvariant(),
        s.Risk);
}
