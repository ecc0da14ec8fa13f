namespace Analytics.Models;

/// <summary>
/// Everything one conversation adds to its brand's metrics, independent of the brand's as-of.
/// The brand keeps the latest version per conversation and replaces it whole, so a contribution
/// delivered twice, late or out of order changes nothing.
/// </summary>
/// <param name="ConversationId">The conversation within its brand; empty for an audience shard.</param>
/// <param name="AudienceShard">-1 for a message conversation, else the audience shard holding follow and unfollow events.</param>
/// <param name="Version">Grows with every change of the conversation's event set.</param>
/// <param name="MaxTimestamp">Latest event time in the conversation (feeds the brand's as-of).</param>
/// <param name="Cohort">Null when the conversation has no inbound message yet.</param>
/// <param name="WaitingSince">Start of the waiting period that is still running, if any.</param>
/// <param name="Activity">Activity counts per (minute, channel).</param>
/// <param name="Replies">The brand's replies with text (canned replies); null or empty for none.</param>
/// <param name="Unfollows">Unfollows with a known author (an audience shard's); null or empty for none.</param>
[GenerateSerializer, Immutable, Alias("analytics.Contribution")]
public sealed record Contribution(
    string ConversationId,
    int AudienceShard,
    long Version,
    long MaxTimestamp,
    Cohort? Cohort,
    long? WaitingSince,
    ActivityCell[] Activity,
    ReplyEntry[]? Replies = null,
    AuthoredUnfollow[]? Unfollows = null);
