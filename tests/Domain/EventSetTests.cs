using Analytics.Domain;
using Analytics.Models;
using static Analytics.Tests.Domain.Events;

namespace Analytics.Tests.Domain;

public class EventSetTests
{
    [Fact]
    public void Add_SameIdSamePayload_IsDuplicate()
    {
        var set = new EventSet();
        Assert.Equal(AddOutcome.Added, set.Add(In("1", 0)));
        Assert.Equal(AddOutcome.Duplicate, set.Add(In("1", 0)));
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void Add_ConflictingCopies_SmallerDigestWinsInEitherOrder()
    {
        var small = In("1", 0) with { Digest = 5 };
        var large = In("1", 30) with { Digest = 9 };
        var a = new EventSet();
        a.Add(small);
        Assert.Equal(AddOutcome.ConflictKept, a.Add(large));
        var b = new EventSet();
        b.Add(large);
        Assert.Equal(AddOutcome.ConflictReplaced, b.Add(small));
        Assert.Equal(a.Ordered, b.Ordered);
        Assert.Equal(At(0), Assert.Single(b.Ordered).Timestamp);
    }

    [Fact]
    public void Add_ManyEvents_StaysInTimestampThenOrdinalIdOrder()
    {
        var set = new EventSet();
        var random = new Random(7);
        var all = Enumerable.Range(0, 200).Select(i => In("id" + i, random.Next(0, 20))).ToList();
        foreach (var e in all.OrderBy(_ => random.Next())) set.Add(e);
        foreach (var e in all.Take(50)) Assert.Equal(AddOutcome.Duplicate, set.Add(e));
        var expected = all.OrderBy(e => e.Timestamp).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
        Assert.Equal(expected, set.Ordered);
    }

    [Theory]
    [InlineData(5, 6)]
    [InlineData(6, 40)]
    [InlineData(7, 700)]
    public void Add_ManyIdsWithRepeatsAndConflicts_KeepsTheSmallestDigestOfEachIdInAnyOrder(int seed, int ids)
    {
        // Sizes on both sides of the id-hash scan and of the dictionary; some ids share a hash-prone
        // prefix, every id comes several times, some copies conflict.
        var rng = new Random(seed);
        var copies = new List<ConversationEvent>();
        for (var i = 0; i < ids; i++)
        {
            var id = $"id-{i}";
            for (var c = rng.Next(1, 4); c > 0; c--)
            {
                var conflicting = rng.Next(3) == 0;
                copies.Add(new ConversationEvent(id, EventKind.Message, Direction.Inbound, Events.At(conflicting ? rng.Next(500) : i), "twitter", conflicting ? (ulong)rng.NextInt64() : (ulong)i));
            }
        }
        var expected = copies.GroupBy(e => e.Id).Select(g => g.MinBy(e => e.Digest)!).Order(EventOrder.Instance).ToList();

        foreach (var order in new[] { copies, [.. copies.OrderBy(_ => rng.Next())], [.. copies.AsEnumerable().Reverse()] })
        {
            var set = new EventSet();
            foreach (var e in order) set.Add(e);
            Assert.Equal(expected, set.Ordered);
        }
    }
}
