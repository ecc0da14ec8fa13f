using System.Text;
using Analytics.Domain.Packing;

namespace Analytics.Tests.Domain;

/// <summary>The slab store answers exactly as a dictionary would, through growth, removals and compaction.</summary>
public class RecordArenaTests
{
    [Theory]
    [InlineData(1, 2_000, 40)]
    [InlineData(2, 60_000, 600)]
    public void RandomPutsRemovesAndReads_MatchADictionary(int seed, int operations, int maxValueBytes)
    {
        var rng = new Random(seed);
        var arena = new RecordArena();
        var expected = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < operations; i++)
        {
            // Few keys, many replacements: holes pile up and the arena compacts again and again.
            var key = "k" + rng.Next(operations / 10);
            var keyBytes = Encoding.UTF8.GetBytes(key);
            switch (rng.Next(10))
            {
                case 0:
                    Assert.Equal(expected.Remove(key), arena.Remove(keyBytes));
                    break;
                case < 4:
                    Assert.Equal(expected.TryGetValue(key, out var want), arena.TryGet(keyBytes, out var got));
                    if (want is not null) Assert.Equal(want, got.ToArray());
                    break;
                default:
                    var head = new byte[rng.Next(0, maxValueBytes)];
                    var tail = new byte[rng.Next(0, maxValueBytes)];
                    rng.NextBytes(head);
                    rng.NextBytes(tail);
                    arena.Put(keyBytes, head, tail);
                    expected[key] = [.. head, .. tail];
                    break;
            }
        }
        Assert.Equal(expected.Count, arena.Count);
        foreach (var (key, value) in expected)
        {
            Assert.True(arena.TryGet(Encoding.UTF8.GetBytes(key), out var stored), key);
            Assert.Equal(value, stored.ToArray());
        }
    }

    [Fact]
    public void Put_RecordLargerThanTheLargestSlab_KeptWhole()
    {
        var arena = new RecordArena();
        var big = new byte[3 << 20];
        new Random(7).NextBytes(big);
        arena.Put("small"u8, [1, 2, 3]);
        arena.Put("big"u8, big);

        Assert.True(arena.TryGet("big"u8, out var stored));
        Assert.Equal(big, stored.ToArray());
        Assert.True(arena.TryGet("small"u8, out var small));
        Assert.Equal([1, 2, 3], small.ToArray());
    }
}
