namespace Analytics.Models;

/// <summary>A time series request: buckets of <paramref name="StepMinutes"/> whole minutes covering [From, To).</summary>
/// <param name="From">Inclusive start, UTC microseconds, a whole minute.</param>
/// <param name="To">Exclusive end, UTC microseconds, a whole minute after <paramref name="From"/>.</param>
/// <param name="StepMinutes">Minutes per bucket, at least 1.</param>
/// <param name="Channel">Only this channel, or all when null.</param>
[GenerateSerializer, Immutable, Alias("analytics.SeriesQuery")]
public sealed record SeriesQuery(long From, long To, int StepMinutes, string? Channel = null)
{
    /// <summary>Number of buckets, the last one possibly cut short by <see cref="To"/>.</summary>
    public int Buckets => (int)((To - From + StepMinutes * Time.MicrosPerMinute - 1) / (StepMinutes * Time.MicrosPerMinute));
}
