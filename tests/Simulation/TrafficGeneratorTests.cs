using Analytics.Models;
using Analytics.Simulation;

namespace Analytics.Tests.Simulation;

public class TrafficGeneratorTests
{
    private static readonly long Start = Time.FromDateTimeOffset(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));

    // Delays shrunk 1000-fold: the rate reaches its steady state within seconds of event time,
    // so the sample shows the configured rates rather than the ramp-up of a fresh start.
    private static readonly TrafficOptions Compressed = new() { TimeScale = 1000, LateShare = 0.05, DuplicateShare = 0.03 };

    private static readonly Lazy<List<CareEvent>> Sample = new(() => [.. TrafficGenerator.Generate(Compressed, 7, Start, 200_000)]);

    [Fact]
    public void Generate_SameSeedAndOptions_SameEvents()
    {
        var first = TrafficGenerator.Generate(new TrafficOptions(), 42, Start, 20_000).ToList();
        var second = TrafficGenerator.Generate(new TrafficOptions(), 42, Start, 20_000).ToList();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Generate_OtherSeed_OtherEvents()
    {
        var first = TrafficGenerator.Generate(new TrafficOptions(), 42, Start, 1_000).ToList();
        var second = TrafficGenerator.Generate(new TrafficOptions(), 43, Start, 1_000).ToList();

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void EmitUntil_SmallSteps_SameEventsAsGenerate()
    {
        var expected = TrafficGenerator.Generate(Compressed, 11, Start, 30_000).ToList();
        var cursor = new TrafficGenerator(Compressed, 11, Start);
        var steps = new Random(3);
        var live = new List<CareEvent>();
        var until = Start;

        while (live.Count < expected.Count)
        {
            until += steps.Next(0, 200_000);
            var before = live.Count;
            cursor.EmitUntil(until, live);

            // Whatever a step emits was due by then, and its timestamp is never after its due time.
            Assert.All(live.Skip(before), e => Assert.True(e.Timestamp <= until));
            Assert.True(cursor.NextDue > until);
        }

        Assert.Equal(expected, live.Take(expected.Count));
    }

    [Fact]
    public void TryNext_WholeRun_DueTimesNeverDecrease()
    {
        var generator = new TrafficGenerator(Compressed, 5, Start);
        var previous = long.MinValue;

        for (var i = 0; i < 50_000; i++)
        {
            Assert.True(generator.TryNext(long.MaxValue, out var e, out var due));
            Assert.True(due >= previous, $"event {i} due {due} before {previous}");
            Assert.True(e.Timestamp <= due);
            previous = due;
        }
    }

    [Fact]
    public void Generate_Ids_UniqueExceptExactDuplicates()
    {
        foreach (var copies in Sample.Value.GroupBy(e => e.Id).Where(g => g.Count() > 1))
        {
            Assert.All(copies, c => Assert.Equal(copies.First(), c));
        }
        var conversations = Sample.Value.Where(e => e.Kind == EventKind.Message).GroupBy(e => (e.Brand, e.ConversationId));
        Assert.All(conversations, c => Assert.Single(c.Select(e => e.Channel).Distinct()));
    }

    [Fact]
    public void Generate_CompressedDelays_EventRateAsConfigured()
    {
        var events = Sample.Value;
        var seconds = Time.ToSeconds(events[^1].Timestamp - Start);

        var rate = events.Count / seconds;

        Assert.InRange(rate, Compressed.EventsPerSecond * 0.85, Compressed.EventsPerSecond * 1.15);
    }

    [Fact]
    public void Generate_CompressedDelays_DuplicateAndLateSharesAsConfigured()
    {
        var seen = new HashSet<string>();
        int duplicates = 0, late = 0;
        var latest = long.MinValue;
        foreach (var e in Sample.Value)
        {
            if (!seen.Add(e.Id))
            {
                duplicates++;
                continue;
            }
            if (e.Timestamp < latest) late++;
            latest = Math.Max(latest, e.Timestamp);
        }
        var n = (double)Sample.Value.Count;

        var expectedDuplicates = Compressed.DuplicateShare / (1 + Compressed.DuplicateShare);
        Assert.InRange(duplicates / n, expectedDuplicates * 0.7, expectedDuplicates * 1.3);
        // A late event that nothing overtook cannot be seen as late: the observed share is a little lower.
        Assert.InRange(late / n, Compressed.LateShare * 0.5, Compressed.LateShare * 1.1);
    }

    [Fact]
    public void Generate_CompressedDelays_ConversationsLookLikeTwcs()
    {
        var distinct = Sample.Value.DistinctBy(e => e.Id).ToList();
        var conversations = distinct.Where(e => e.Kind == EventKind.Message).GroupBy(e => (e.Brand, e.ConversationId)).ToList();

        var messagesPerConversation = conversations.Average(c => c.Count());
        var twitterShare = conversations.Count(c => c.First().Channel == "twitter") / (double)conversations.Count;
        var follows = distinct.Count(e => e.Kind == EventKind.Follow) / (double)conversations.Count;

        Assert.InRange(messagesPerConversation, 2.5, 4.5);
        Assert.InRange(twitterShare, 0.5, 0.7);
        Assert.InRange(follows, Compressed.FollowShare * 0.7, Compressed.FollowShare * 1.3);
        Assert.Contains(distinct, e => e.Kind == EventKind.Unfollow);
    }

    [Fact]
    public void Generate_CompressedDelays_BrandsAsProfiled()
    {
        var generator = new TrafficGenerator(Compressed, 7, Start);
        var brands = generator.Brands.ToDictionary(b => b.Name);
        var horizon = Sample.Value[^1].Timestamp - (Time.MicrosPerMinute * 5);
        var conversations = Sample.Value.DistinctBy(e => e.Id)
            .Where(e => e.Kind == EventKind.Message)
            .GroupBy(e => (e.Brand, e.ConversationId))
            .Select(c => c.OrderBy(e => e.Timestamp).ToList())
            // Customer-first threads that started early enough for their replies to have come in.
            .Where(c => c[0].Direction == Direction.Inbound && c[0].Timestamp < horizon)
            .GroupBy(c => c[0].Brand)
            .ToDictionary(g => g.Key, g => g.ToList());

        var byPopularity = generator.Brands.Select(b => conversations[b.Name].Count).ToList();
        Assert.True(byPopularity[0] > byPopularity[2] && byPopularity[2] > byPopularity[^1]);
        Assert.InRange(byPopularity[0] / (double)byPopularity.Sum(), brands.Values.First().Popularity * 0.8, brands.Values.First().Popularity * 1.2);

        foreach (var (name, threads) in conversations.Where(c => c.Value.Count >= 1000))
        {
            var profile = brands[name];
            var unanswered = threads.Count(t => t.All(e => e.Direction == Direction.Inbound)) / (double)threads.Count;
            Assert.InRange(unanswered, profile.UnansweredShare - 0.06, profile.UnansweredShare + 0.06);

            var firstReplies = threads
                .Select(t => t.FirstOrDefault(e => e.Direction == Direction.Outbound) is { } reply ? reply.Timestamp - t[0].Timestamp : -1)
                .Where(d => d >= 0)
                .Order()
                .ToList();
            var median = Time.ToSeconds(firstReplies[firstReplies.Count / 2]) * Compressed.TimeScale;
            // Chat replies are faster and email slower than the brand's usual: the mix sits a little below it.
            Assert.InRange(median, profile.MedianReply.TotalSeconds * 0.4, profile.MedianReply.TotalSeconds * 1.5);
        }
    }

    [Fact]
    public void Constructor_NoBrands_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TrafficGenerator(new TrafficOptions { Brands = 0 }, 1, Start));
    }
}
