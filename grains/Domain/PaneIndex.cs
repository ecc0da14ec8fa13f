namespace Analytics.Domain;

/// <summary>
/// A brand's panes by minute: each minute's panes, one per channel, in a chain from the minute's
/// first pane. Minutes lie in pages of <see cref="PageMinutes"/> slots (about 4 hours), found by
/// page number, with the last page used kept at hand: a brand's minutes are dense where it has
/// traffic, so a lookup is an array index rather than a hash of the minute and a walk, and a
/// contribution's minutes are usually on one page. Pages are ordered beside them for windows.
/// A pane per (minute, channel) and no more: a minute holds a few channels, so a chain beats a
/// dictionary per minute, which cost about 250 bytes and three objects for each of a brand's minutes.
/// </summary>
internal sealed class PaneIndex
{
    private const int PageBits = 8;
    private const int PageMinutes = 1 << PageBits;

    private readonly Dictionary<long, Pane?[]> pages = [];
    private readonly SortedSet<long> pageOrder = [];
    private long lastNumber;
    private Pane?[]? lastPage;

    /// <summary>Drops every pane.</summary>
    public void Clear()
    {
        pages.Clear();
        pageOrder.Clear();
        lastPage = null;
    }

    /// <summary>The pane of (<paramref name="minute"/>, <paramref name="channel"/>), created when <paramref name="sign"/> adds.</summary>
    public Pane For(long minute, string channel, int sign)
    {
        var page = PageOf(minute, create: sign > 0) ?? throw new InvalidOperationException($"no pane for minute {minute} to retract from");
        ref var first = ref page[Slot(minute)];
        if (first is null)
        {
            if (sign < 0) throw new InvalidOperationException($"no pane for minute {minute} to retract from");
            return first = new Pane(channel);
        }
        for (var pane = first; ; pane = pane.Next)
        {
            if (pane.Channel == channel) return pane;
            if (pane.Next is null) return pane.Next = new Pane(channel);
        }
    }

    /// <summary>Removes the pane of (<paramref name="minute"/>, <paramref name="channel"/>) if it holds nothing.</summary>
    public void DropIfEmpty(long minute, string channel)
    {
        if (PageOf(minute, create: false) is not { } page) return;
        ref var first = ref page[Slot(minute)];
        Pane? before = null;
        for (var pane = first; pane is not null; before = pane, pane = pane.Next)
        {
            if (pane.Channel != channel) continue;
            if (!pane.IsEmpty) return;
            if (before is not null) before.Next = pane.Next;
            else first = pane.Next;
            return;
        }
    }

    /// <summary>Every pane of the minutes from <paramref name="from"/> to <paramref name="last"/> (inclusive; null: unbounded), in minute order.</summary>
    public IEnumerable<(long Minute, Pane Pane)> Between(long? from, long? last)
    {
        if (pageOrder.Count == 0) yield break;
        var (lo, hi) = (from ?? long.MinValue, last ?? long.MaxValue);
        if (hi < lo) yield break;
        foreach (var number in pageOrder.GetViewBetween(lo >> PageBits, hi >> PageBits))
        {
            var page = pages[number];
            var start = number << PageBits;
            for (var slot = 0; slot < PageMinutes; slot++)
            {
                var minute = start + slot;
                if (minute < lo || minute > hi) continue;
                for (var pane = page[slot]; pane is not null; pane = pane.Next) yield return (minute, pane);
            }
        }
    }

    // Minutes before the epoch are on pages of negative numbers: the shift and the mask floor.
    private static int Slot(long minute) => (int)(minute & (PageMinutes - 1));

    private Pane?[]? PageOf(long minute, bool create)
    {
        var number = minute >> PageBits;
        if (lastPage is not null && number == lastNumber) return lastPage;
        if (!pages.TryGetValue(number, out var page))
        {
            if (!create) return null;
            pages[number] = page = new Pane?[PageMinutes];
            pageOrder.Add(number);
        }
        (lastNumber, lastPage) = (number, page);
        return page;
    }
}
