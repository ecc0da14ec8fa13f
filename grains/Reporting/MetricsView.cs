namespace Analytics.Reporting;

/// <summary>
/// One metrics object M of METRICS-SPEC section 4, in its exact field names (camelCase in JSON).
/// Ratios with a zero denominator and percentiles of nothing are null; durations are seconds.
/// </summary>
public class MetricsView
{
    public long Opened { get; set; }
    public long Responded { get; set; }
    public long WithinSla { get; set; }
    public long Pending { get; set; }
    public long Unanswered { get; set; }
    public double? ResponseRate { get; set; }
    public double? SlaRate { get; set; }
    public double? FrtP50 { get; set; }
    public double? FrtP90 { get; set; }
    public double? FrtP99 { get; set; }
    public double ExpectedUnfollows { get; set; }
    public double ExpectedAmplification { get; set; }
    public long Inbound { get; set; }
    public long Outbound { get; set; }
    public long Responses { get; set; }
    public double? ResponseTimeMeanSeconds { get; set; }
    public long Follows { get; set; }
    public long Unfollows { get; set; }
    public long Backlog { get; set; }
    public long StaleWaiting { get; set; }
    public double? OldestWaitSeconds { get; set; }
    public long Complaints { get; set; }
    public double? ComplaintResponseRate { get; set; }
    public double? ComplaintSlaRate { get; set; }
    public double? ExpectationMet { get; set; }
    public double? EngagementGap { get; set; }
    public double? CannedShare { get; set; }
    public double? FollowUpRateCanned { get; set; }
    public double? FollowUpRatePersonal { get; set; }
    public long ObservedUnfollows { get; set; }
    public double CalibratedPUnfollow { get; set; }
    public double CalibratedPUnfollowLow { get; set; }
    public double CalibratedPUnfollowHigh { get; set; }
}
