using Analytics.Ingest;
using Analytics.Models;
using Analytics.Simulation;

namespace Analytics.Tests.Ingest;

public class ReplayGroupingTests
{
    private static readonly long Start = Time.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Generated traffic (follows, unfollows, late and repeated events) with a rejected line after every 97th event.</summary>
    private static List<ParsedLine> Input(int events)
    {
        var lines = new List<ParsedLine>();
        var n = 0L;
        foreach (var e in TrafficGenerator.Generate(new TrafficOptions { Brands = 7, FollowShare = 0.3, DuplicateShare = 0.05 }, 5, Start, events))
        {
            lines.Add(new ParsedLine(++n, e, null));
            if (n % 97 == 0) lines.Add(new ParsedLine(++n, null, new RejectedLine(n, "timestamp: not an ISO 8601 UTC time")));
        }
        return lines;
    }

    private static async Task<List<ParsedLine>> GroupAsync(List<ParsedLine> input, int chunk)
    {
        var output = new List<ParsedLine>();
        await foreach (var line in ReplayGrouping.GroupAsync(input.ToAsyncEnumerable(), chunk)) output.Add(line);
        return output;
    }

    // The grain a conversation's events go to, computed independently of the sort key.
    private static string Grain(CareEvent e) =>
        e.Kind == EventKind.Message ? GrainKeys.Conversation(e.Brand, e.ConversationId) : GrainKeys.Audience(e.Brand, e.Id);

    [Theory]
    [InlineData(1000)]
    [InlineData(4096)]
    [InlineData(100_000)]
    public async Task EveryLineComesOut_EachGrainsEventsTogetherWithinAChunk(int chunk)
    {
        var input = Input(10_000);
        var output = await GroupAsync(input, chunk);

        // Nothing lost or added; rejects keep their order.
        Assert.Equal(input.Count, output.Count);
        Assert.Equal(input.Select(l => l.Line).Order(), output.Select(l => l.Line).Order());
        Assert.Equal(input.Where(l => l.Reject is not null).Select(l => l.Line), output.Where(l => l.Reject is not null).Select(l => l.Line));

        // Chunk by chunk, the same events as in file order, and no grain's run is interrupted.
        var inputEvents = input.Where(l => l.Event is not null).Select(l => l.Event!).ToList();
        var outputEvents = output.Where(l => l.Event is not null).Select(l => l.Event!).ToList();
        for (var at = 0; at < inputEvents.Count; at += chunk)
        {
            var expected = inputEvents.Skip(at).Take(chunk).ToList();
            var actual = outputEvents.Skip(at).Take(chunk).ToList();
            Assert.Equal(expected.Select(e => e.Id).Order(StringComparer.Ordinal), actual.Select(e => e.Id).Order(StringComparer.Ordinal));
            var runs = actual.Select(Grain).Where((g, i) => i == 0 || g != Grain(actual[i - 1])).ToList();
            Assert.Equal(runs.Count, runs.Distinct().Count());
        }
    }

    [Fact]
    public async Task ZeroChunk_KeepsFileOrder()
    {
        var input = Input(3000);
        Assert.Equal(input, await GroupAsync(input, 0));
    }
}
