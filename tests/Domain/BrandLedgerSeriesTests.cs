using Analytics.Domain;
using Analytics.Models;
using static Analytics.Tests.Domain.Events;

namespace Analytics.Tests.Domain;

public class BrandLedgerSeriesTests
{
    private const long Minute = Time.MicrosPerMinute;

    private static Contribution Conversation(string id, params ConversationEvent[] events)
    {
        var set = new EventSet();
        foreach (var e in events) set.Add(e);
        var shape = ConversationShape.Of(set.Ordered);
        return new Contribution(id, -1, 1, shape.MaxTimestamp, shape.Cohort, shape.WaitingSince, shape.Activity);
    }

    private static BrandLedger Ledger(params Contribution[] contributions)
    {
        var ledger = new BrandLedger(BrandSettings.Default);
        foreach (var c in contributions) ledger.Apply(c);
        return ledger;
    }

    [Fact]
    public void Series_ByMinute_PutsCohortAtT0AndActivityAtItsEvent()
    {
        var ledger = Ledger(
            Conversation("a", In("1", 0), Out("2", 2)),
            Conversation("b", In("3", 1)));
        var buckets = ledger.Series(new SeriesQuery(At(0), At(4), 1), At(3));
        Assert.Equal(4, buckets.Length);
        Assert.Equal([1L, 1, 0, 0], buckets.Select(b => b.Opened));
        Assert.Equal([1L, 0, 0, 0], buckets.Select(b => b.Responded));
        Assert.Equal([1L, 1, 0, 0], buckets.Select(b => b.Inbound));
        Assert.Equal([0L, 0, 1, 0], buckets.Select(b => b.Outbound));
        Assert.Equal([0L, 0, 1, 0], buckets.Select(b => b.Responses));
        Assert.Equal([2 * Minute], buckets[0].Frts);
        // Snapshot figures hold at the as-of only: never in a bucket.
        Assert.All(buckets, b => Assert.Equal(0, b.Backlog));
    }

    [Fact]
    public void Series_WiderStep_SumsItsMinutesAndCutsTheLastBucketShort()
    {
        var ledger = Ledger(
            Conversation("a", In("1", 0), Out("2", 1)),
            Conversation("b", In("3", 4), Out("4", 9)),
            Conversation("c", In("5", 6)));
        var query = new SeriesQuery(At(0), At(7), 5);
        var buckets = ledger.Series(query, At(10));
        Assert.Equal(2, query.Buckets);
        Assert.Equal([2L, 1], buckets.Select(b => b.Opened));
        Assert.Equal([Minute, 5 * Minute], buckets[0].Frts);
        // c is younger than the horizon at the as-of: pending, its risk at a wait of 4 min.
        Assert.Equal(1, buckets[1].Pending);
        Assert.Equal(0.56 * UnfollowRisk.F(240), buckets[1].ExpectedUnfollows.ToDouble(), 12);
    }

    [Fact]
    public void Series_Buckets_AddUpToTheWindowsQuery()
    {
        var ledger = Ledger(
            Conversation("a", In("1", 0, "facebook"), Out("2", 30, "facebook")),
            Conversation("b", In("3", 20), Out("4", 95)),
            Conversation("c", In("5", 50)),
            Conversation("d", In("6", 119), Out("7", 200)));
        var asOf = At(130);
        var window = new MetricsQuery(At(0), At(120));
        var whole = ledger.Query("b", window, asOf).Total;
        var buckets = ledger.Series(new SeriesQuery(At(0), At(120), 7), asOf);
        Assert.Equal(whole.Opened, buckets.Sum(b => b.Opened));
        Assert.Equal(whole.Responded, buckets.Sum(b => b.Responded));
        Assert.Equal(whole.Pending, buckets.Sum(b => b.Pending));
        Assert.Equal(whole.Inbound, buckets.Sum(b => b.Inbound));
        Assert.Equal(whole.Outbound, buckets.Sum(b => b.Outbound));
        Assert.Equal(whole.Frts, buckets.SelectMany(b => b.Frts).Order());
        Assert.Equal(whole.ExpectedUnfollows, buckets.Aggregate(ExactSum.Zero, (s, b) => s + b.ExpectedUnfollows));
    }

    [Fact]
    public void Series_OneChannel_LeavesTheOthersOut()
    {
        var ledger = Ledger(
            Conversation("a", In("1", 0, "facebook")),
            Conversation("b", In("2", 0)));
        var buckets = ledger.Series(new SeriesQuery(At(0), At(1), 1, "facebook"), At(1));
        Assert.Equal(1, buckets[0].Opened);
    }

    [Fact]
    public void Backlog_AtAsOf_CountsRunningWaitsYoungerThanTheHorizon()
    {
        var ledger = Ledger(
            Conversation("old", In("1", 0)),
            Conversation("young", In("2", 24 * 60)),
            Conversation("answered", In("3", 24 * 60), Out("4", 24 * 60 + 1)));
        Assert.Equal(1, ledger.Backlog(At(24 * 60 + 5)));
        Assert.Equal(ledger.Query("b", MetricsQuery.All, At(24 * 60 + 5)).Total.Backlog, ledger.Backlog(At(24 * 60 + 5)));
    }
}
