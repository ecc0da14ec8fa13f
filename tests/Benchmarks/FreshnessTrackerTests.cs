using Analytics.Client.Benchmarks;
using HdrHistogram;

namespace Analytics.Tests.Benchmarks;

public class FreshnessTrackerTests
{
    [Fact]
    public void Applied_RunsReflectedInOrder_EachEventGetsItsRunsDelay()
    {
        var tracker = new FreshnessTracker();
        tracker.Accepted(100, at: 1_000);
        tracker.Accepted(300, at: 2_000);

        tracker.Applied(100, at: 1_500);
        tracker.Applied(400, at: 4_000);

        Assert.Equal(400, tracker.Histogram.TotalCount);
        Near(500, tracker.Histogram.GetValueAtPercentile(25));
        Near(2_000, tracker.Histogram.GetValueAtPercentile(26));
        Assert.Equal(0, tracker.Pending);
    }

    [Fact]
    public void Applied_RunReflectedInParts_SplitsTheRun()
    {
        var tracker = new FreshnessTracker();
        tracker.Accepted(10, at: 0);
        tracker.Accepted(10, at: 100);

        tracker.Applied(4, at: 1_000);
        tracker.Applied(15, at: 3_000);

        // 4 events at 1000, then the first run's other 6 at 3000 and 5 of the second at 2900; 5 still pending.
        Assert.Equal(15, tracker.Histogram.TotalCount);
        Near(1_000, tracker.Histogram.GetValueAtPercentile(4 * 100.0 / 15));
        Near(2_900, tracker.Histogram.GetValueAtPercentile(8 * 100.0 / 15));
        Near(3_000, tracker.Histogram.GetMaxValue());
        Assert.Equal(5, tracker.Pending);
    }

    [Fact]
    public void Applied_CountAheadOfAccepted_WaitsForTheAcceptedRecord()
    {
        var tracker = new FreshnessTracker();

        tracker.Applied(50, at: 10);
        tracker.Accepted(50, at: 20);
        tracker.Applied(50, at: 70);

        Assert.Equal(50, tracker.Histogram.TotalCount);
        Near(50, tracker.Histogram.GetMaxValue());
    }

    // The histogram keeps three significant digits.
    private static void Near(long expected, long actual) => Assert.InRange(actual, expected - (expected / 500) - 1, expected + (expected / 500) + 1);
}
