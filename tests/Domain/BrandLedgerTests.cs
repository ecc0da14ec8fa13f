using Analytics.Domain;
using Analytics.Models;
using Analytics.Reporting;
using static Analytics.Tests.Domain.Events;

namespace Analytics.Tests.Domain;

public class BrandLedgerTests
{
    private const long Minute = Time.MicrosPerMinute;
    private static readonly BrandSettings Settings = BrandSettings.Default;

    private static Contribution Conversation(string id, long version, params ConversationEvent[] events)
    {
        var set = new EventSet();
        foreach (var e in events) set.Add(e);
        var shape = ConversationShape.Of(set.Ordered);
        return new Contribution(id, -1, version, shape.MaxTimestamp, shape.Cohort, shape.WaitingSince, shape.Activity);
    }

    private static Tally Total(BrandLedger ledger, long asOf, MetricsQuery? query = null) =>
        ledger.Query("b", query ?? MetricsQuery.All, asOf).Total;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Apply_PackedBatches_EqualsContributionsOneByOne_InAnyOrder_AndWithAnotherProcesssChannelNumbers(int seed)
    {
        // Several versions of each conversation (some with follows: audience shards), sent in a
        // shuffled order with repeats; a version older than the one held must change nothing.
        var rng = new Random(seed);
        string[] channelNames = ["twitter", "facebook", "chat", $"new-{seed}"];
        var contributions = new List<Contribution>();
        for (var n = 0; n < 300; n++)
        {
            var events = new List<ConversationEvent>();
            for (var version = 1; version <= rng.Next(1, 4); version++)
            {
                var minutes = rng.Next(0, 600) + (rng.NextDouble() * 0.9);
                var channel = channelNames[rng.Next(channelNames.Length)];
                events.Add(rng.Next(3) == 0 ? Out($"e{n}-{version}", minutes, channel) : In($"e{n}-{version}", minutes, channel));
                contributions.Add(Conversation($"c{n}", version, [.. events]));
            }
        }
        for (var shard = 0; shard < 3; shard++)
        {
            var follows = Enumerable.Range(0, rng.Next(1, 5)).Select(i => Follow($"f{shard}-{i}", rng.Next(0, 600))).ToList();
            var set = new EventSet();
            foreach (var f in follows) set.Add(f);
            var shape = ConversationShape.Of(set.Ordered);
            contributions.Add(new Contribution("", shard, 1, shape.MaxTimestamp, shape.Cohort, shape.WaitingSince, shape.Activity));
        }
        var shuffled = contributions.Concat(contributions.Take(50)).OrderBy(_ => rng.Next()).ToList();

        var oneByOne = new BrandLedger(Settings);
        foreach (var c in shuffled) oneByOne.Apply(c);
        var packed = new BrandLedger(Settings);
        var foreign = new BrandLedger(Settings);
        foreach (var chunk in shuffled.Chunk(64))
        {
            var records = new Analytics.Domain.Packing.ContributionRecords();
            foreach (var c in chunk.Where(c => c.AudienceShard < 0)) records.Add(c);
            var batch = records.ToBatch();
            packed.Apply(batch);
            // The same records numbered by another process: channel numbers rotated by one.
            foreign.Apply(Renumbered(batch));
            foreach (var c in chunk.Where(c => c.AudienceShard >= 0))
            {
                packed.Apply(c);
                foreign.Apply(c);
            }
        }

        var asOf = At(700);
        var expected = Summary(oneByOne, asOf);
        Assert.Equal(expected, Summary(packed, asOf));
        Assert.Equal(expected, Summary(foreign, asOf));
        Assert.Equal(300, oneByOne.ConversationCount);
        Assert.InRange(Total(oneByOne, asOf).Opened, 100, 300);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Apply_NewerVersionsByTheirDifference_EqualLedgerGivenOnlyTheLatest(int seed)
    {
        // Conversations grow version by version as live ones do: replies (the cohort's FRT and
        // waiting period change), late messages (a cell before the others, an earlier t0), channel
        // switches, conflicting copies of an event, and audience shards with more cells than are
        // replaced cell by cell. The ledger that takes every version (each replacing the held one
        // by its difference, some sent again) must equal one that only ever saw the latest.
        var rng = new Random(seed);
        string[] channelNames = ["twitter", "facebook", "chat"];
        var versions = new List<Contribution>();
        var latest = new List<Contribution>();
        for (var n = 0; n < 200; n++)
        {
            var events = new List<ConversationEvent>();
            var start = rng.Next(0, 600);
            var channel = channelNames[rng.Next(channelNames.Length)];
            for (var version = 1; version <= rng.Next(1, 9); version++)
            {
                var minutes = start + rng.Next(-20, 120) + (rng.NextDouble() * 0.9);
                if (rng.Next(5) == 0) channel = channelNames[rng.Next(channelNames.Length)];
                events.Add(rng.Next(6) switch
                {
                    0 or 1 => Out($"e{n}-{version}", minutes, channel),
                    2 when events.Count > 0 => events[rng.Next(events.Count)] with { Timestamp = At(minutes), Digest = (ulong)rng.NextInt64() },
                    _ => In($"e{n}-{version}", minutes, channel),
                });
                versions.Add(Conversation($"c{n}", version, [.. events]));
            }
            latest.Add(versions[^1]);
        }
        for (var shard = 0; shard < 3; shard++)
        {
            var follows = new EventSet();
            for (var version = 1; version <= 3; version++)
            {
                for (var i = 0; i < 20; i++) follows.Add(Follow($"f{shard}-{version}-{i}", rng.Next(0, 600)));
                var shape = ConversationShape.Of(follows.Ordered);
                versions.Add(new Contribution("", shard, version, shape.MaxTimestamp, shape.Cohort, shape.WaitingSince, shape.Activity));
            }
            latest.Add(versions[^1]);
        }
        // Each conversation's versions in order, conversations interleaved, some sent twice.
        var arrival = versions.Select((c, i) => (c, key: rng.NextDouble() + (c.Version * 0.5)))
            .Concat(versions.Take(100).Select(c => (c, key: rng.NextDouble() * 5)))
            .OrderBy(x => x.key).Select(x => x.c).ToList();

        var byDifference = new BrandLedger(Settings);
        foreach (var c in arrival) byDifference.Apply(c);
        var fromLatest = new BrandLedger(Settings);
        foreach (var c in latest.OrderBy(_ => rng.Next())) fromLatest.Apply(c);

        foreach (var asOf in new[] { At(300), At(700), At(2000) })
        {
            Assert.Equal(Summary(fromLatest, asOf), Summary(byDifference, asOf));
        }
        Assert.Equal(200, byDifference.ConversationCount);
    }

    private static string Summary(BrandLedger ledger, long asOf) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            all = Views.Brand(ledger.Query("b", MetricsQuery.All, asOf)),
            hour = Views.Brand(ledger.Query("b", new MetricsQuery(At(60), At(120)), asOf)),
            waiting = ledger.List(ConversationFilter.Waiting, 1000, asOf),
            ledger.ConversationCount,
            ledger.MaxTimestamp,
        });

    // A batch as a process whose channel table numbers the same channels in another order would send it.
    private static PackedContributions Renumbered(PackedContributions batch)
    {
        var theirs = Analytics.Domain.Packing.ChannelTable.Of(batch.Channels.Reverse());
        var records = new List<Contribution>();
        var reader = new Analytics.Domain.Packing.ContributionRecordReader(batch.Span);
        while (reader.Next(out var key, out var packed))
        {
            records.Add(Analytics.Domain.Packing.PackedContribution.Unpack(System.Text.Encoding.UTF8.GetString(key), packed, Analytics.Domain.Packing.ChannelTable.Shared));
        }
        var w = new System.IO.MemoryStream();
        foreach (var c in records)
        {
            var key = System.Text.Encoding.UTF8.GetBytes(c.ConversationId);
            var body = Analytics.Domain.Packing.PackedContribution.Pack(c, theirs);
            Varint(w, key.Length);
            w.Write(key);
            Varint(w, body.Length);
            w.Write(body);
        }
        var bytes = w.ToArray();
        return new PackedContributions(bytes, bytes.Length, records.Count, theirs.Names());
    }

    private static void Varint(System.IO.Stream s, int n)
    {
        for (; n >= 0x80; n >>= 7) s.WriteByte((byte)(n | 0x80));
        s.WriteByte((byte)n);
    }

    [Fact]
    public void Backlog_CountsWaitsWithTheSameStart_WhoseIdsDifferOnlyByIgnorableCharacters()
    {
        // Culture-aware comparison calls these ids equal (soft hyphen, zero-width space); ids compare ordinally.
        var ledger = new BrandLedger(Settings);
        foreach (var id in new[] { "cx", "c\u00ADx", "c\u200Bx" }) ledger.Apply(Conversation(id, 1, In(id + "-1", 0)));
        Assert.Equal(3, Total(ledger, At(10)).Backlog);
        Assert.Equal(3, ledger.Backlog(At(10)));
        Assert.Equal(3, ledger.List(ConversationFilter.Waiting, 10, At(10)).Count);
    }

    [Fact]
    public void Query_FrtExactlyAtSla_IsWithinSla()
    {
        var ledger = new BrandLedger(Settings);
        ledger.Apply(Conversation("c", 1, In("1", 0), Out("2", 60)));
        var t = Total(ledger, At(60));
        Assert.Equal((1, 1, 1), (t.Opened, t.Responded, t.WithinSla));
    }

    [Fact]
    public void Query_FrtJustOverSla_IsRespondedNotWithinSla()
    {
        var ledger = new BrandLedger(Settings);
        ledger.Apply(Conversation("c", 1, In("1", 0), Out("2", 60.001)));
        var t = Total(ledger, At(61));
        Assert.Equal((1, 1, 0), (t.Opened, t.Responded, t.WithinSla));
    }

    [Fact]
    public void Query_FrtExactlyAtHorizon_IsResponded_AndJustOverIsUnanswered()
    {
        var ledger = new BrandLedger(Settings);
        ledger.Apply(Conversation("at", 1, In("1", 0), Out("2", 24 * 60)));
        ledger.Apply(Conversation("over", 1, In("3", 0), Out("4", 24 * 60 + 1)));
        var t = Total(ledger, At(24 * 60 + 1));
        Assert.Equal((2, 1, 0, 1), (t.Opened, t.Responded, t.Pending, t.Unanswered));
    }

    [Fact]
    public void Query_PendingTurnsUnansweredWhenAsOfReachesHorizon()
    {
        var ledger = new BrandLedger(Settings);
        ledger.Apply(Conversation("c", 1, In("1", 0)));
        var young = Total(ledger, At(24 * 60) - 1);
        var old = Total(ledger, At(24 * 60));
        Assert.Equal((1, 0), (young.Pending, young.Unanswered));
        Assert.Equal((0, 1), (old.Pending, old.Unanswered));
    }

    [Fact]
    public void Query_RiskOfEachStatus_FollowsSection5()
    {
        var ledger = new BrandLedger(Settings);
        ledger.Apply(Conversation("responded", 1, In("1", 0), Out("2", 10)));
        ledger.Apply(Conversation("pending", 1, In("3", 0)));
        ledger.Apply(Conversation("unanswered", 1, In("4", -2 * 24 * 60)));
        var asOf = At(30);
        var t = Total(ledger, asOf);
        var expected = 0.56 * UnfollowRisk.F(600) + 0.56 * UnfollowRisk.F(1800) + 0.56 * UnfollowRisk.F(86400);
        Assert.Equal(expected, t.ExpectedUnfollows.ToDouble(), 12);
        Assert.Equal(0.60 * 0.88, t.ExpectedAmplification.ToDouble(), 12);
    }

    [Fact]
    public void Query_WaitingOlderThanHorizon_IsStaleNotBacklog()
    {
        var ledger = new BrandLedger(Settings);
        ledger.Apply(Conversation("old", 1, In("1", 0), Out("2", 5), In("3", 10)));
        ledger.Apply(Conversation("new", 1, In("4", 3 * 24 * 60)));
        var t = Total(ledger, At(3 * 24 * 60 + 45));
        Assert.Equal((1, 1), (t.Backlog, t.StaleWaiting));
        Assert.Equal(45 * Minute, t.OldestWait);
    }

    [Fact]
    public void Apply_SameVersionTwiceOrOlderLater_ChangesNothing()
    {
        var ledger = new BrandLedger(Settings);
        var v1 = Conversation("c", 1, In("1", 0));
        var v2 = Conversation("c", 2, In("1", 0), Out("2", 5));
        Assert.True(ledger.Apply(v2));
        Assert.False(ledger.Apply(v2));
        Assert.False(ledger.Apply(v1));
        var t = Total(ledger, At(5));
        Assert.Equal((1, 1, 0L, 1L, 1L), (t.Opened, t.Responded, t.Backlog, t.Inbound, t.Outbound));
    }

    [Fact]
    public void Apply_NewVersion_RetractsTheOldCompletely()
    {
        var ledger = new BrandLedger(Settings);
        ledger.Apply(Conversation("c", 1, In("1", 0, "facebook")));
        ledger.Apply(Conversation("c", 2, In("0", -5, "email"), In("1", 0, "facebook"), Out("2", 5, "email")));
        var m = ledger.Query("b", MetricsQuery.All, At(5));
        Assert.Equal(1, m.Channels["email"].Opened);
        Assert.Equal(0, m.Channels.GetValueOrDefault("facebook")?.Opened ?? 0);
        Assert.Equal(1, m.Channels["facebook"].Inbound);
        Assert.Equal(0, m.Total.Backlog);
    }

    [Fact]
    public void Query_Window_SelectsCohortByT0MinuteAndActivityByEventMinute()
    {
        var ledger = new BrandLedger(Settings);
        ledger.Apply(Conversation("c", 1, In("1", 0), Out("2", 90)));
        var first = Total(ledger, At(90), new MetricsQuery(At(0), At(60)));
        var later = Total(ledger, At(90), new MetricsQuery(At(60), At(120)));
        Assert.Equal((1, 1L, 0L, 0L), (first.Opened, first.Inbound, first.Outbound, first.Responses));
        Assert.Equal((0, 0L, 1L, 1L), (later.Opened, later.Inbound, later.Outbound, later.Responses));
    }

    [Fact]
    public void ChangeSettings_ShorterSla_RecomputesFromContributions()
    {
        var ledger = new BrandLedger(Settings);
        ledger.Apply(Conversation("c", 1, In("1", 0), Out("2", 30)));
        Assert.Equal(1, Total(ledger, At(30)).WithinSla);
        ledger.ChangeSettings(Settings with { Sla = 15 * Minute });
        Assert.Equal(0, Total(ledger, At(30)).WithinSla);
    }

    [Fact]
    public void Query_Complaints_CountedWithTheirOwnSla_AndChangingItRecomputes()
    {
        var ledger = new BrandLedger(Settings);
        ledger.Apply(Conversation("fast", 1, In("1", 0) with { Complaint = true }, Out("2", 30)));
        ledger.Apply(Conversation("slow", 1, In("3", 0) with { Complaint = true }, Out("4", 90)));
        ledger.Apply(Conversation("open", 1, In("5", 0) with { Complaint = true }));
        ledger.Apply(Conversation("plain", 1, In("6", 0), Out("7", 30)));
        var t = Total(ledger, At(120));
        Assert.Equal((4L, 3L, 2L, 1L), (t.Opened, t.Complaints, t.ComplaintsResponded, t.ComplaintsWithinSla));
        var view = Views.Metrics(t);
        Assert.Equal(2 / 3.0, view.ComplaintResponseRate);
        Assert.Equal(1 / 3.0, view.ComplaintSlaRate);

        ledger.ChangeSettings(Settings with { ComplaintSla = 2 * 60 * Minute });
        Assert.Equal(2, Total(ledger, At(120)).ComplaintsWithinSla);
        // A newer version that is no longer a complaint leaves the complaint figures.
        ledger.Apply(Conversation("slow", 2, In("3", 0), Out("4", 90)));
        Assert.Equal((2L, 1L, 1L), (Total(ledger, At(120)).Complaints, Total(ledger, At(120)).ComplaintsResponded, Total(ledger, At(120)).ComplaintsWithinSla));
    }

    [Fact]
    public void Query_ExpectationMet_ByStatus_WithTheComplaintCurve()
    {
        var ledger = new BrandLedger(Settings);
        ledger.Apply(Conversation("responded", 1, In("1", 0), Out("2", 10)));
        ledger.Apply(Conversation("complaint", 1, In("3", 0) with { Complaint = true }, Out("4", 10)));
        ledger.Apply(Conversation("pending", 1, In("5", 0)));
        ledger.Apply(Conversation("pendingComplaint", 1, In("6", 0) with { Complaint = true }));
        ledger.Apply(Conversation("unanswered", 1, In("7", -2 * 24 * 60)));
        var t = Total(ledger, At(30));
        // By hand: F(600) = 0.22 + 0.31 * log10(10) / log10(60); complaints raise F by 0.72 / 0.53.
        var f600 = 0.22 + (0.31 * (1 / Math.Log10(60)));
        var f1800 = 0.22 + (0.31 * (Math.Log10(30) / Math.Log10(60)));
        var expected = (1 - f600) + (1 - (f600 * 0.72 / 0.53)) + (1 - f1800) + (1 - (f1800 * 0.72 / 0.53)) + 0;
        Assert.Equal(expected, t.ExpectationMet.ToDouble(), 12);
        var view = Views.Metrics(t);
        Assert.Equal(expected / 5, view.ExpectationMet!.Value, 12);
        Assert.Equal(1 - (expected / 5), view.EngagementGap!.Value, 12);
        // The pending ones' share falls as they keep waiting; the unanswered met none.
        Assert.True(Total(ledger, At(600)).ExpectationMet.ToDouble() < t.ExpectationMet.ToDouble());
    }

    [Fact]
    public void FComplaint_IsCappedAtOne_AndGives72PercentAtTheHour()
    {
        Assert.Equal(0.72, UnfollowRisk.FComplaint(3600), 12);
        Assert.Equal(1.0, UnfollowRisk.FComplaint(86400));
        Assert.Equal(0.0, UnfollowRisk.FComplaint(0));
    }

    [Fact]
    public void Metrics_NothingOpened_RatiosAndPercentilesAreNull()
    {
        var view = Views.Metrics(Tally.Empty);
        Assert.Null(view.ResponseRate);
        Assert.Null(view.SlaRate);
        Assert.Null(view.FrtP50);
        Assert.Null(view.ResponseTimeMeanSeconds);
        Assert.Null(view.OldestWaitSeconds);
        Assert.Null(view.ComplaintResponseRate);
        Assert.Null(view.ComplaintSlaRate);
        Assert.Null(view.ExpectationMet);
        Assert.Null(view.EngagementGap);
    }

    [Fact]
    public void List_Waiting_OldestWaitFirstAndOnlyBacklog()
    {
        var ledger = new BrandLedger(Settings);
        ledger.Apply(Conversation("a", 1, In("1", 10)));
        ledger.Apply(Conversation("b", 1, In("2", 5)));
        ledger.Apply(Conversation("stale", 1, In("3", -3 * 24 * 60)));
        ledger.Apply(Conversation("done", 1, In("4", 0), Out("5", 1)));
        var rows = ledger.List(ConversationFilter.Waiting, 10, At(20));
        Assert.Equal(["b", "a"], rows.Select(r => r.ConversationId));
        Assert.True(rows[0].Risk > rows[1].Risk);
    }
}
