using Analytics.Domain;

namespace Analytics.Tests.Domain;

/// <summary>The blocked multiset counts and finds as a sorted list would, through splits and emptied blocks.</summary>
public class LongMultisetTests
{
    [Theory]
    [InlineData(1, 5_000, 100)]
    [InlineData(2, 20_000, 1_000_000)]
    public void RandomAddsAndRemoves_AtLeastMatchesASortedList(int seed, int operations, int range)
    {
        var rng = new Random(seed);
        var set = new LongMultiset();
        var expected = new List<long>();
        for (var i = 0; i < operations; i++)
        {
            // Mostly adds early, mostly removes late: blocks split, then empty out.
            if (expected.Count > 0 && rng.Next(operations) < i)
            {
                var value = expected[rng.Next(expected.Count)];
                expected.Remove(value);
                set.Remove(value);
            }
            else
            {
                var value = rng.Next(range);
                var at = expected.BinarySearch(value);
                expected.Insert(at < 0 ? ~at : at, value);
                set.Add(value);
            }
            if (i % 97 != 0) continue;
            var threshold = rng.Next(-1, range + 1);
            var above = expected.Where(v => v >= threshold).ToList();
            Assert.Equal((above.Count, above.Count == 0 ? (long?)null : above[0]), set.AtLeast(threshold));
            Assert.Equal(expected.Count, set.Count);
        }
    }

    [Fact]
    public void Remove_ValueNotHeld_Throws()
    {
        var set = new LongMultiset();
        Assert.Throws<InvalidOperationException>(() => set.Remove(5));
        set.Add(5);
        Assert.Throws<InvalidOperationException>(() => set.Remove(6));
    }
}
