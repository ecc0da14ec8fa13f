namespace Analytics.Client.Benchmarks;

/// <summary>The arithmetic of the benchmark report, as pure functions (tested).</summary>
public static class BenchMath
{
    /// <summary>Events per second; 0 for no time.</summary>
    public static double Rate(long events, TimeSpan elapsed) => elapsed > TimeSpan.Zero ? events / elapsed.TotalSeconds : 0;

    /// <summary>A part of a whole (e.g. engine throughput over the floor's); null without a whole.</summary>
    public static double? Ratio(double part, double whole) => whole > 0 ? part / whole : null;

    /// <summary>Bytes each of <paramref name="conversations"/> added between two measurements; null without conversations.</summary>
    public static double? PerConversation(long bytesBefore, long bytesAfter, long conversations) =>
        conversations > 0 ? (bytesAfter - bytesBefore) / (double)conversations : null;
}
