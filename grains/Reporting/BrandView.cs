namespace Analytics.Reporting;

/// <summary>A brand in a report: its metrics, as-of, channels and hourly cohort counts.</summary>
public sealed class BrandView : MetricsView
{
    /// <summary>The as-of the figures hold at, ISO-8601 UTC; null before the first event.</summary>
    public string? AsOf { get; set; }

    /// <summary>Metrics per channel.</summary>
    public SortedDictionary<string, MetricsView> Channels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Cohort counts per UTC hour of t0 (keys ISO-8601 UTC hour starts).</summary>
    public SortedDictionary<string, HourView> Hourly { get; set; } = new(StringComparer.Ordinal);
}
