using Analytics.Import;
using Analytics.Models;
using Analytics.Tests.Domain;

namespace Analytics.Tests.Import;

public class EventColumnsTests
{
    private static CareEvent RandomEvent(Random rng, int n) => new(
        $"id-{n}-{new string('x', rng.Next(0, 40))}", EventKind.Message, "B", rng.Next(2) == 0 ? "twitter" : "chat",
        $"c{rng.Next(300)}-ünï", rng.Next(2) == 0 ? Direction.Inbound : Direction.Outbound, rng.NextInt64(-1_000_000, 1_000_000), (ulong)rng.NextInt64(), rng.Next(5) == 0, PackingTests.RandomExtras(rng));

    [Fact]
    public void Keep_ARandomSubset_MovesThoseRowsDownWithTheirBytesAndNumbersThem()
    {
        var rng = new Random(3);
        EventColumns[] columns = [new EventColumns()];
        var sent = Enumerable.Range(0, 2_000).Select(n => RandomEvent(rng, n)).ToList();
        foreach (var e in sent) EventColumns.AddTo(columns, e);
        var numbers = Enumerable.Range(0, sent.Count).Select(_ => rng.Next(3) == 0 ? 0 : -1).ToArray();
        var kept = Enumerable.Range(0, sent.Count).Where(row => numbers[row] == 0).ToList();

        columns[0].Keep(numbers);
        // Rows added after it write their bytes where the kept rows' bytes were before.
        var added = Enumerable.Range(sent.Count, 2_000).Select(n => RandomEvent(rng, n)).ToList();
        foreach (var e in added) EventColumns.AddTo(columns, e);

        Assert.Equal(kept.Count + added.Count, columns[0].Count);
        Assert.Equal(Enumerable.Range(0, kept.Count), kept.Select(row => numbers[row]));
        var expected = kept.Select(row => sent[row]).Concat(added).ToList();
        for (var row = 0; row < expected.Count; row++)
        {
            Assert.Equal(expected[row].ToConversationEvent(), columns[0].EventOf(row));
            Assert.Equal(expected[row].ConversationId, columns[0].KeyOf(row).ConversationId);
        }
    }
}
