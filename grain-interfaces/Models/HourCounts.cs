namespace Analytics.Models;

/// <summary>Cohort counts of one UTC hour of t0.</summary>
[GenerateSerializer, Immutable, Alias("analytics.HourCounts")]
public sealed record HourCounts(long Opened, long Responded, long WithinSla, long Pending, long Unanswered);
