using System.Diagnostics;

namespace Analytics.Client.Benchmarks;

/// <summary>Microseconds on the monotonic clock, for intervals (event timestamps use the wall clock).</summary>
public static class MonotonicClock
{
    /// <summary>Now, in microseconds since an arbitrary origin.</summary>
    public static long Micros => (long)(Stopwatch.GetTimestamp() * (1e6 / Stopwatch.Frequency));
}
