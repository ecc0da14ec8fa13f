namespace Analytics.Domain;

/// <summary>
/// An ascending multiset of longs kept inline in its owner: an array only once a value arrives,
/// sized for the handful most panes hold. A brand has a pane per (minute, channel), hundreds of
/// thousands of them, so a list object and its array each would double the objects the
/// collector walks. A mutable struct: use it only as a field, never copied.
/// </summary>
internal struct SortedLongs
{
    private long[]? items;

    /// <summary>Number of values.</summary>
    public int Count { get; private set; }

    /// <summary>The values, ascending.</summary>
    public readonly ReadOnlySpan<long> Values => items.AsSpan(0, Count);

    /// <summary>Adds <paramref name="value"/> (sign 1) or removes one copy of it (sign -1).</summary>
    public void Edit(long value, int sign)
    {
        var at = Values.BinarySearch(value);
        if (sign > 0)
        {
            Insert(at < 0 ? ~at : at, value);
        }
        else if (at >= 0)
        {
            items.AsSpan(at + 1, Count - at - 1).CopyTo(items.AsSpan(at));
            Count--;
            if (Count == 0) items = null;
        }
        else
        {
            throw new InvalidOperationException($"retracting {value} that was never added");
        }
    }

    /// <summary>The number of values below <paramref name="value"/>.</summary>
    public readonly int CountBelow(long value)
    {
        var values = Values;
        var at = values.BinarySearch(value);
        if (at < 0) return ~at;
        // BinarySearch finds any of a run of equal values: the count ends before the run's first.
        while (at > 0 && values[at - 1] == value) at--;
        return at;
    }

    private void Insert(int at, long value)
    {
        if (items is null || Count == items.Length) Array.Resize(ref items, Math.Max(2, Count * 2));
        items.AsSpan(at, Count - at).CopyTo(items.AsSpan(at + 1));
        items[at] = value;
        Count++;
    }
}
