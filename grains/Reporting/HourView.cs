namespace Analytics.Reporting;

/// <summary>Cohort counts of one UTC hour of t0.</summary>
public sealed record HourView(long Opened, long Responded, long WithinSla, long Pending, long Unanswered);
