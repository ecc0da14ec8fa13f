namespace Analytics.Domain;

/// <summary>
/// A few values kept unordered, as a multiset: a pane's replies and authored conversations. A
/// struct (no object until the first value) because most panes hold none.
/// </summary>
internal struct SmallBag<T>
    where T : struct, IEquatable<T>
{
    private T[]? items;

    /// <summary>Values held.</summary>
    public int Count { get; private set; }

    /// <summary>The values, in no particular order.</summary>
    public readonly ReadOnlySpan<T> Values => items.AsSpan(0, Count);

    /// <summary>Adds (sign 1) or removes one copy of (sign -1) <paramref name="value"/>.</summary>
    public void Edit(in T value, int sign)
    {
        if (sign > 0)
        {
            if (items is null || Count == items.Length) Array.Resize(ref items, Math.Max(2, Count * 2));
            items[Count++] = value;
            return;
        }
        var at = Values.IndexOf(value);
        if (at < 0) throw new InvalidOperationException($"removing {value}, which is not held");
        items![at] = items[--Count];
        items[Count] = default;
    }
}
