using Analytics.Domain;

namespace Analytics.Tests.Domain;

public class BacklogHistoryTests
{
    [Fact]
    public void Record_SameMinuteTwice_KeepsTheLaterSample()
    {
        var history = new BacklogHistory(10);
        history.Record(100, 3);
        history.Record(100, 5);
        Assert.Equal(5, history.At(100));
        Assert.Null(history.At(101));
    }

    [Fact]
    public void Record_BeyondCapacity_ForgetsTheOldestAndIgnoresOlderSamples()
    {
        var history = new BacklogHistory(10);
        history.Record(100, 1);
        history.Record(110, 2);
        Assert.Null(history.At(100));
        history.Record(100, 9);
        Assert.Equal(2, history.At(110));
        Assert.Null(history.At(100));
    }

    [Fact]
    public void Buckets_Step_TakesEachBucketsLatestSampleAndNullWhereNone()
    {
        var history = new BacklogHistory(100);
        history.Record(10, 4);
        history.Record(12, 6);
        history.Record(20, 1);
        var buckets = history.Buckets(10, 25, 5);
        Assert.Equal([6L, null, 1], buckets);
    }

    [Fact]
    public void Buckets_NegativeMinutes_MapIntoTheRing()
    {
        var history = new BacklogHistory(7);
        history.Record(-3, 2);
        Assert.Equal(2, history.At(-3));
        Assert.Equal([null, 2L, null], history.Buckets(-4, -1, 1));
    }
}
