namespace Analytics.Models;

/// <summary>A brand's figures for one window.</summary>
/// <param name="Brand">The brand.</param>
/// <param name="AsOf">The as-of A the figures were computed at (UTC microseconds); null before the first event.</param>
/// <param name="Settings">The brand's settings used.</param>
/// <param name="Total">All channels together.</param>
/// <param name="Channels">Per channel.</param>
/// <param name="Hourly">Cohort counts per UTC hour of t0 (key: hour start, UTC microseconds).</param>
[GenerateSerializer, Immutable, Alias("analytics.BrandMetrics")]
public sealed record BrandMetrics(
    string Brand,
    long? AsOf,
    BrandSettings Settings,
    Tally Total,
    Dictionary<string, Tally> Channels,
    SortedDictionary<long, HourCounts> Hourly);
