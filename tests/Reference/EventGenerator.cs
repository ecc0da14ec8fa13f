namespace Analytics.Tests.Reference;

/// <summary>
/// Seeded random NDJSON input that reaches the spec's corner cases: brand-first threads, equal
/// timestamps in both id orders, answers exactly at the SLA and the horizon and after it, waits past
/// 24 h and 7 days, threads still waiting at the end, channel switches inside a thread, the same
/// conversationId under several brands, offsets other than Z and sub-second times.
/// Ids are unique per payload, so de-duplication never meets a conflicting copy.
/// </summary>
public static class EventGenerator
{
    private static readonly string[] BrandNames = ["AcmeHelp", "GlobexCare", "InitechSupport", "UmbrellaCares", "HooliHelp"];
    private static readonly string[] Channels = ["twitter", "facebook", "email"];
    private static readonly DateTimeOffset DefaultStart = new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static List<string> Generate(int seed, GeneratorOptions o)
    {
        var rng = new Random(seed);
        var ids = new IdSource(rng);
        var start = RefTime.ToMicros(o.Start ?? DefaultStart);
        var span = o.Days * 24 * RefTime.MicrosPerHour;
        var brands = Enumerable.Range(0, o.Brands)
            .Select(i => i < BrandNames.Length ? BrandNames[i] : $"Brand{i}")
            .ToList();

        var lines = new List<string>();
        var conversationsPerBrand = brands.ToDictionary(b => b, _ => 0);
        for (var i = 0; i < o.Conversations; i++)
        {
            var brand = brands[rng.Next(brands.Count)];

            // Numbered per brand, so "c1" exists under several brands: two separate conversations.
            var conversationId = "c" + ++conversationsPerBrand[brand];
            var begins = StartTime(rng, start, span);
            lines.AddRange(Conversation(rng, ids, brand, conversationId, begins, start + span));
            if (rng.Next(6) == 0)
            {
                // The customer unfollows within ten days: inside the 7-day window or after it.
                var at = begins + rng.NextInt64(10 * 24 * RefTime.MicrosPerHour);
                if (at < start + span) lines.Add(EventLines.Follow(rng, ids.Next(), brand, follow: false, at, $"cust-{brand}-{conversationId}"));
            }
        }

        foreach (var brand in brands)
        {
            // Follow events may land after every message of the brand and so set its as-of.
            var count = 1 + rng.Next(5);
            for (var k = 0; k < count; k++)
            {
                var at = start + (rng.NextInt64(span / RefTime.MicrosPerSecond) * RefTime.MicrosPerSecond);
                // Some unfollows are by a customer of the brand (authors are "cust-{brand}-{conversationId}").
                var follow = k == 0 || rng.Next(2) == 0;
                var author = !follow && conversationsPerBrand[brand] > 0 && rng.Next(2) == 0 ? $"cust-{brand}-c{1 + rng.Next(conversationsPerBrand[brand])}" : null;
                lines.Add(EventLines.Follow(rng, ids.Next(), brand, follow, at, author));
            }
        }

        return lines;
    }

    /// <summary>Shuffles and adds exact copies of about 10% of the lines: the report must not change.</summary>
    public static List<string> Perturb(List<string> lines, int seed)
    {
        var rng = new Random(seed);
        var result = new List<string>(lines);
        result.AddRange(lines.Where(_ => rng.Next(10) == 0));
        for (var i = result.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }

        return result;
    }

    private static IEnumerable<string> Conversation(Random rng, IdSource ids, string brand, string conversationId, long t, long end)
    {
        var channel = Channels[rng.Next(Channels.Length)];
        var brandFirst = rng.Next(5) == 0;
        var count = 1 + rng.Next(8);
        string? previous = null;
        for (var k = 0; k < count; k++)
        {
            t += k == 0 ? 0 : Gaps.Next(rng);
            if (t >= end)
            {
                // Nothing after the end: one long wait would otherwise push the brand's as-of days
                // past every late-starting thread and leave no pending conversations.
                yield break;
            }

            var inbound = k == 0 ? !brandFirst : rng.Next(2) == 0;

            // Now and then a message arrives on another channel than the thread's first one.
            var messageChannel = rng.Next(10) == 0 ? Channels[rng.Next(Channels.Length)] : channel;
            var id = ids.Next();
            yield return EventLines.Message(rng, id, brand, messageChannel, conversationId, inbound, t, previous);
            previous = id;
        }
    }

    private static long StartTime(Random rng, long start, long span)
    {
        // Mostly whole seconds; a quarter carry a millisecond or microsecond fraction.
        var t = start + (rng.NextInt64(span / RefTime.MicrosPerSecond) * RefTime.MicrosPerSecond);
        t += rng.Next(8) switch
        {
            0 => rng.Next(1, 1000) * 1000L,
            1 => rng.Next(1, 1_000_000),
            _ => 0,
        };
        return rng.Next(20) switch
        {
            // Late starts: still pending or in the backlog at the as-of.
            < 3 => start + span - (rng.Next(1, 30 * 3600) * RefTime.MicrosPerSecond),
            // Exactly on an hour boundary: the hourly and window edges.
            3 => RefTime.HourOf(t),
            _ => t,
        };
    }
}
