namespace Analytics.Models;

/// <summary>
/// The additive raw figures behind one metrics object (METRICS-SPEC section 4): counts, exact
/// sums and the sorted first response times, so that channels, brands and the overall total
/// merge without losing exactness. Ratios and percentiles are derived from it, never stored.
/// </summary>
/// <param name="Opened">Customer conversations whose t0 falls in the window.</param>
/// <param name="Responded">Of those, FRT &lt;= H.</param>
/// <param name="WithinSla">Of those, FRT &lt;= S.</param>
/// <param name="Pending">Not responded and younger than H at the as-of.</param>
/// <param name="Unanswered">Neither responded nor pending.</param>
/// <param name="ExpectedUnfollows">Sum of unfollow risk over the cohort (exact and order independent).</param>
/// <param name="ExpectedAmplification">Sum of 0.60 * F(H) over unanswered conversations.</param>
/// <param name="Frts">First response times of responded conversations, microseconds, ascending.</param>
/// <param name="Inbound">Inbound messages.</param>
/// <param name="Outbound">Outbound messages.</param>
/// <param name="Responses">Ended waiting periods.</param>
/// <param name="ResponseTimeSum">Sum of their response times, microseconds.</param>
/// <param name="Follows">Follow events.</param>
/// <param name="Unfollows">Unfollow events.</param>
/// <param name="Backlog">Waiting periods running at the as-of and younger than H.</param>
/// <param name="StaleWaiting">Waiting periods running at the as-of and older than H.</param>
/// <param name="OldestWait">As-of minus the start of the oldest backlog period, microseconds; null for an empty backlog.</param>
/// <param name="Complaints">Of the opened conversations, those that are complaints.</param>
/// <param name="ComplaintsResponded">Of those, FRT &lt;= H.</param>
/// <param name="ComplaintsWithinSla">Of those, FRT &lt;= the complaint SLA.</param>
/// <param name="ExpectationMet">Sum over the cohort of the share of customers whose expectation the first response met (exact).</param>
/// <param name="Replies">The brand's replies with text.</param>
/// <param name="CannedReplies">Of those, near-duplicates of another reply of the brand.</param>
/// <param name="CannedFollowedUp">Canned replies after which the customer wrote again.</param>
/// <param name="PersonalFollowedUp">Other replies after which the customer wrote again.</param>
/// <param name="ObservedUnfollows">Settled cohort conversations (t0 at least H before the as-of) with a known author who unfollowed the brand within H after t0.</param>
/// <param name="AuthoredExposure">Sum of F(w) over the settled cohort conversations with a known author (exact).</param>
/// <param name="CohortExposure">Sum of F(w) over the whole cohort (exact): expectedUnfollows for pUnfollow = 1.</param>
/// <param name="AuthoredExposureSquares">Sum of F(w)^2 over the same conversations (exact).</param>
[GenerateSerializer, Immutable, Alias("analytics.Tally")]
public sealed record Tally(
    long Opened,
    long Responded,
    long WithinSla,
    long Pending,
    long Unanswered,
    ExactSum ExpectedUnfollows,
    ExactSum ExpectedAmplification,
    long[] Frts,
    long Inbound,
    long Outbound,
    long Responses,
    decimal ResponseTimeSum,
    long Follows,
    long Unfollows,
    long Backlog,
    long StaleWaiting,
    long? OldestWait,
    long Complaints,
    long ComplaintsResponded,
    long ComplaintsWithinSla,
    ExactSum ExpectationMet,
    long Replies,
    long CannedReplies,
    long CannedFollowedUp,
    long PersonalFollowedUp,
    long ObservedUnfollows,
    ExactSum AuthoredExposure,
    ExactSum CohortExposure,
    ExactSum AuthoredExposureSquares)
{
    /// <summary>Nothing counted.</summary>
    public static Tally Empty { get; } = new(0, 0, 0, 0, 0, ExactSum.Zero, ExactSum.Zero, [], 0, 0, 0, 0m, 0, 0, 0, 0, null, 0, 0, 0, ExactSum.Zero, 0, 0, 0, 0, 0, ExactSum.Zero, ExactSum.Zero, ExactSum.Zero);
}
