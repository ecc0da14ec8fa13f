using Analytics.Client.Benchmarks;
using HdrHistogram;

namespace Analytics.Tests.Benchmarks;

public class BenchMathTests
{
    [Fact]
    public void Rate_TwoSeconds_EventsPerSecond()
    {
        Assert.Equal(250_000, BenchMath.Rate(500_000, TimeSpan.FromSeconds(2)));
        Assert.Equal(0, BenchMath.Rate(500_000, TimeSpan.Zero));
    }

    [Fact]
    public void Ratio_ZeroWhole_Null()
    {
        Assert.Equal(0.75, BenchMath.Ratio(150_000, 200_000));
        Assert.Null(BenchMath.Ratio(1, 0));
    }

    [Fact]
    public void PerConversation_HeapGrowth_DividedByConversations()
    {
        Assert.Equal(2_048, BenchMath.PerConversation(1_000_000, 1_000_000 + (2_048 * 1_000), 1_000));
        Assert.Equal(-10, BenchMath.PerConversation(1_000, 990, 1));
        Assert.Null(BenchMath.PerConversation(0, 100, 0));
    }

    [Fact]
    public void LatencySummaryOf_Microseconds_Milliseconds()
    {
        var histogram = new LongHistogram(FreshnessTracker.MaxMicros, 3);
        for (var v = 1; v <= 100; v++) histogram.RecordValue(v * 1_000);

        var summary = LatencySummary.Of(histogram);

        Assert.Equal(100, summary.Count);
        Assert.Equal(50, summary.P50Ms, 1);
        Assert.Equal(99, summary.P99Ms, 1);
        Assert.Equal(100, summary.MaxMs, 1);
    }
}
