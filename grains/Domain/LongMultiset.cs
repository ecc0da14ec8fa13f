namespace Analytics.Domain;

/// <summary>
/// An ascending multiset of longs in blocks of at most <see cref="BlockSize"/> sorted values: a
/// few hundred arrays for half a million values, where a tree would hold an object per value for
/// the collector to walk. Insert and remove cost a binary search over the blocks' first values and
/// a shift within one block.
/// </summary>
internal sealed class LongMultiset
{
    private const int BlockSize = 1024;

    private readonly List<long[]> blocks = [];
    private readonly List<int> counts = [];

    /// <summary>Number of values.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one copy of <paramref name="value"/>.</summary>
    public void Add(long value)
    {
        if (blocks.Count == 0)
        {
            blocks.Add(new long[BlockSize]);
            counts.Add(0);
        }
        var b = BlockFor(value);
        var n = counts[b];
        if (n == BlockSize)
        {
            // Full: split in two halves and insert into the one that covers the value.
            var upper = new long[BlockSize];
            Array.Copy(blocks[b], BlockSize / 2, upper, 0, BlockSize / 2);
            blocks.Insert(b + 1, upper);
            counts[b] = BlockSize / 2;
            counts.Insert(b + 1, BlockSize / 2);
            if (value >= upper[0]) b++;
            n = counts[b];
        }
        var block = blocks[b];
        var at = block.AsSpan(0, n).BinarySearch(value);
        if (at < 0) at = ~at;
        Array.Copy(block, at, block, at + 1, n - at);
        block[at] = value;
        counts[b] = n + 1;
        Count++;
    }

    /// <summary>Removes one copy of <paramref name="value"/>, which must be held.</summary>
    public void Remove(long value)
    {
        var b = blocks.Count == 0 ? -1 : BlockFor(value);
        var at = b < 0 ? -1 : blocks[b].AsSpan(0, counts[b]).BinarySearch(value);
        if (at < 0) throw new InvalidOperationException($"removing {value} that was never added");
        var (block, n) = (blocks[b], counts[b]);
        Array.Copy(block, at + 1, block, at, n - at - 1);
        counts[b] = n - 1;
        Count--;
        if (counts[b] == 0 && blocks.Count > 1)
        {
            blocks.RemoveAt(b);
            counts.RemoveAt(b);
        }
    }

    /// <summary>How many values are at least <paramref name="threshold"/>, and the smallest of them (null if none).</summary>
    public (int Count, long? Min) AtLeast(long threshold)
    {
        var total = 0;
        long? min = null;
        for (var b = blocks.Count - 1; b >= 0; b--)
        {
            var values = blocks[b].AsSpan(0, counts[b]);
            if (values.IsEmpty) continue;
            if (values[0] >= threshold)
            {
                total += values.Length;
                min = values[0];
                continue;
            }
            var at = FirstAtLeast(values, threshold);
            total += values.Length - at;
            if (at < values.Length) min = values[at];
            break;
        }
        return (total, min);
    }

    // The block whose range takes the value: the last whose first value is not above it.
    private int BlockFor(long value)
    {
        int lo = 0, hi = blocks.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (counts[mid] > 0 && blocks[mid][0] <= value) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    private static int FirstAtLeast(ReadOnlySpan<long> ascending, long threshold)
    {
        int lo = 0, hi = ascending.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (ascending[mid] < threshold) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
