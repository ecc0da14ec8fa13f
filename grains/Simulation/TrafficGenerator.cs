using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Analytics.Ingest;
using Analytics.Models;

namespace Analytics.Simulation;

/// <summary>
/// Seeded customer-care traffic: conversations arrive as a Poisson process over brands of Zipf
/// popularity, each planned whole when it starts (<see cref="ConversationPlan"/>), its events
/// scheduled into a queue by due time. Events come out in due order, either as fast as wanted
/// (<see cref="Generate"/>, for files and benchmarks) or up to a time the caller names
/// (<see cref="EmitUntil"/>, for a live feed). Deterministic: the same options, seed and start
/// give the same events; there is no clock inside, event time is whatever the caller maps it to.
/// </summary>
public sealed class TrafficGenerator
{
    // Conversation channels and their shares; chat is answered much faster, email slower.
    private static readonly (string Name, double Share, double Pace)[] Channels =
    [
        ("twitter", 0.60, 1.0), ("facebook", 0.14, 1.0), ("instagram", 0.10, 1.0), ("email", 0.09, 1.5), ("chat", 0.07, 0.15),
    ];

    private static readonly double[] ChannelCumulative = Cumulative(Channels.Select(c => c.Share));

    // Fixed so that the calibrated rate does not depend on the seed.
    private const int CalibrationSeed = 0x5eed;
    private const int CalibrationConversations = 4096;

    private readonly TrafficOptions options;
    private readonly Random rng;
    private readonly BrandProfile[] brands;
    private readonly double[] brandCumulative;
    private readonly long[] conversationsPerBrand;
    private readonly PriorityQueue<CareEvent, (long Due, long Sequence)> pending = new();
    private readonly List<PlannedStep> steps = new(16);
    private readonly double meanArrivalGapMicros;
    private readonly long maxLatenessMicros;
    private long sequence, eventIds, nextArrival;

    /// <summary>A generator whose first conversation starts at <paramref name="start"/> (UTC microseconds).</summary>
    public TrafficGenerator(TrafficOptions options, int seed, long start)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        rng = new Random(seed);
        brands = BrandProfile.CreateAll(options, rng);
        brandCumulative = Cumulative(brands.Select(b => b.Popularity));
        conversationsPerBrand = new long[brands.Length];
        EventsPerConversation = Calibrate(options, brands, brandCumulative);
        meanArrivalGapMicros = EventsPerConversation / options.EventsPerSecond * Time.MicrosPerSecond;
        maxLatenessMicros = Math.Max(1, (long)(options.MaxLateness.TotalMicroseconds / options.TimeScale));
        nextArrival = start;
    }

    /// <summary>The simulated brands, most popular first.</summary>
    public IReadOnlyList<BrandProfile> Brands => brands;

    /// <summary>Average events a conversation brings (duplicates included), as planned; sets the conversation arrival rate.</summary>
    public double EventsPerConversation { get; }

    /// <summary>Events emitted so far.</summary>
    public long Emitted { get; private set; }

    /// <summary>Conversations started so far.</summary>
    public long Conversations { get; private set; }

    /// <summary>Due time of the next event (UTC microseconds): nothing is pending before it.</summary>
    public long NextDue => pending.TryPeek(out _, out var next) ? Math.Min(next.Due, nextArrival) : nextArrival;

    /// <summary><paramref name="count"/> events from <paramref name="start"/> on, in due order, as fast as they can be made.</summary>
    public static IEnumerable<CareEvent> Generate(TrafficOptions options, int seed, long start, long count)
    {
        var generator = new TrafficGenerator(options, seed, start);
        return generator.Take(count);
    }

    /// <summary>The next <paramref name="count"/> events, in due order.</summary>
    public IEnumerable<CareEvent> Take(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0L; i < count; i++)
        {
            TryNext(long.MaxValue, out var next, out _);
            yield return next!;
        }
    }

    /// <summary>
    /// The live cursor: appends every event due at or before <paramref name="until"/> (UTC
    /// microseconds), in due order, and returns how many. Each event comes out once; a late event
    /// comes out at its due time with an older timestamp.
    /// </summary>
    public int EmitUntil(long until, List<CareEvent> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var count = 0;
        while (TryNext(until, out var next, out _))
        {
            into.Add(next);
            count++;
        }
        return count;
    }

    /// <summary>The next event if it is due at or before <paramref name="until"/>, with its due time.</summary>
    internal bool TryNext(long until, [NotNullWhen(true)] out CareEvent? next, out long due)
    {
        while (true)
        {
            if (pending.TryPeek(out var head, out var at) && at.Due <= nextArrival)
            {
                if (at.Due > until) break;
                pending.Dequeue();
                Emitted++;
                (next, due) = (head, at.Due);
                return true;
            }
            if (nextArrival > until) break;
            StartConversation(nextArrival);
            nextArrival += Math.Max(1, (long)rng.Exponential(meanArrivalGapMicros));
        }
        (next, due) = (null, 0);
        return false;
    }

    // Customers whose first message is a complaint (with text): about a third, as in twcs.csv.
    private const double ComplainingShare = 0.35;

    private void StartConversation(long start)
    {
        var b = rng.Pick(brandCumulative);
        var brand = brands[b];
        var (channel, _, pace) = Channels[rng.Pick(ChannelCumulative)];
        // Follow and unfollow belong to the brand's social account, not to an email or chat thread.
        var audienceChannel = channel is "email" or "chat" ? "twitter" : channel;
        var conversationId = options.IdPrefix + "c" + (++conversationsPerBrand[b]).ToString(CultureInfo.InvariantCulture);
        Conversations++;

        steps.Clear();
        ConversationPlan.Plan(rng, brand, pace, options, steps);
        // With text: one customer per conversation, who complains or not throughout.
        var customer = options.Text ? $"{brand.Name.ToLowerInvariant()}_{conversationId}" : "";
        var complains = options.Text && rng.Chance(ComplainingShare);
        var customerMessages = 0;
        foreach (var step in steps)
        {
            var isMessage = step.Kind == EventKind.Message;
            var e = new CareEvent(
                options.IdPrefix + (++eventIds).ToString(CultureInfo.InvariantCulture),
                step.Kind,
                brand.Name,
                isMessage ? channel : audienceChannel,
                isMessage ? conversationId : "",
                step.Direction,
                start + step.Offset,
                0);
            e = options.Text
                ? MessageTexts.Attach(rng, e, customer, complains, step.Direction == Direction.Inbound ? customerMessages++ : 0)
                : e with { Digest = CanonicalJson.DigestOf(e) };
            var due = e.Timestamp;
            if (rng.Chance(options.LateShare)) due += rng.Between(1, maxLatenessMicros);
            Schedule(e, due);
            // The copy is the same record: same id, same payload, same digest.
            if (rng.Chance(options.DuplicateShare)) Schedule(e, due + rng.Between(0, maxLatenessMicros));
        }
    }

    private void Schedule(CareEvent e, long due) => pending.Enqueue(e, (due, sequence++));

    private static double Calibrate(TrafficOptions options, BrandProfile[] brands, double[] brandCumulative)
    {
        var rng = new Random(CalibrationSeed);
        var steps = new List<PlannedStep>(16);
        for (var i = 0; i < CalibrationConversations; i++)
        {
            ConversationPlan.Plan(rng, brands[rng.Pick(brandCumulative)], Channels[rng.Pick(ChannelCumulative)].Pace, options, steps);
        }
        return steps.Count * (1 + options.DuplicateShare) / CalibrationConversations;
    }

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var list = weights.ToArray();
        var total = list.Sum();
        var sum = 0.0;
        for (var i = 0; i < list.Length; i++)
        {
            sum += list[i];
            list[i] = sum / total;
        }
        list[^1] = 1;
        return list;
    }
}
