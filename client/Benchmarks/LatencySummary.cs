using HdrHistogram;

namespace Analytics.Client.Benchmarks;

/// <summary>Percentiles of a latency distribution in milliseconds.</summary>
/// <param name="Count">Values recorded.</param>
/// <param name="P50Ms">Median.</param>
/// <param name="P90Ms">90th percentile.</param>
/// <param name="P99Ms">99th percentile.</param>
/// <param name="MaxMs">Largest value.</param>
public sealed record LatencySummary(long Count, double P50Ms, double P90Ms, double P99Ms, double MaxMs)
{
    /// <summary>The summary of a histogram of microseconds.</summary>
    public static LatencySummary Of(HistogramBase micros) => micros.TotalCount == 0
        ? new LatencySummary(0, 0, 0, 0, 0)
        : new LatencySummary(
            micros.TotalCount,
            micros.GetValueAtPercentile(50) / 1000.0,
            micros.GetValueAtPercentile(90) / 1000.0,
            micros.GetValueAtPercentile(99) / 1000.0,
            micros.GetMaxValue() / 1000.0);

    public override string ToString() => $"p50 {P50Ms:N1} ms, p99 {P99Ms:N1} ms, max {MaxMs:N1} ms";
}
