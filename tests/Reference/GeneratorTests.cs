using Xunit;

namespace Analytics.Tests.Reference;

public sealed class GeneratorTests
{
    [Fact]
    public void Generate_SameSeed_SameLines()
    {
        var o = new GeneratorOptions(Brands: 3, Conversations: 50);

        Assert.Equal(EventGenerator.Generate(9, o), EventGenerator.Generate(9, o));
        Assert.NotEqual(EventGenerator.Generate(9, o), EventGenerator.Generate(10, o));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Generate_EveryLine_IsValidWithUniqueId(int seed)
    {
        var lines = EventGenerator.Generate(seed, new GeneratorOptions(Brands: 4, Conversations: 100));
        var events = lines.Select(EventParser.TryParse).ToList();

        Assert.All(events, e => Assert.NotNull(e));
        Assert.Equal(lines.Count, events.Select(e => e!.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Generate_LargeSet_ReachesTheSpecsCornerCases()
    {
        var lines = EventGenerator.Generate(11, new GeneratorOptions(Brands: 3, Conversations: 400));
        var overall = ReferenceReport.Compute(lines, new ReferenceParams())["overall"]!;

        foreach (var field in new[] { "responded", "pending", "unanswered", "backlog", "staleWaiting", "follows", "unfollows", "complaints", "observedUnfollows" })
        {
            Assert.True((int)overall[field]! > 0, $"no {field}");
        }

        // Canned and personal replies, followed up and not.
        Assert.InRange((double)overall["cannedShare"]!, 0.1, 0.9);
        Assert.InRange((double)overall["followUpRateCanned"]!, 0.05, 0.95);
        Assert.InRange((double)overall["followUpRatePersonal"]!, 0.05, 0.95);

        Assert.Contains(lines, l => l.Contains("+02:00", StringComparison.Ordinal));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @":\d\d\.\d+"));

        // Equal-timestamp inbound/outbound neighbours in both id orders.
        var (inboundFirst, outboundFirst) = EqualTimestampPairs(ReferenceReport.Deduplicate(lines));
        Assert.True(inboundFirst > 0 && outboundFirst > 0, $"{inboundFirst} / {outboundFirst}");
    }

    private static (int InboundFirst, int OutboundFirst) EqualTimestampPairs(List<RefEvent> events)
    {
        var (inboundFirst, outboundFirst) = (0, 0);
        foreach (var thread in events.Where(e => e.Kind == RefEventKind.Message).GroupBy(e => (e.Brand, e.ConversationId)))
        {
            var ordered = thread.OrderBy(e => e.Micros).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
            foreach (var (a, b) in ordered.Zip(ordered.Skip(1)))
            {
                if (a.Micros == b.Micros && a.Inbound != b.Inbound)
                {
                    _ = a.Inbound ? inboundFirst++ : outboundFirst++;
                }
            }
        }

        return (inboundFirst, outboundFirst);
    }
}
