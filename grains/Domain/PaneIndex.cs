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
    // Panes live in blocks of BlockSize, numbered across them; the first block grows from a few
    // panes (a brand with little traffic should not pay for a block), later ones are allocated
    // whole, so a growing brand never copies its panes or leaves an old array behind.
    private const int BlockBits = 10, BlockSize = 1 << BlockBits;

    // Per page, the number plus one of each minute's first pane (0: none).
    private readonly Dictionary<long, int[]> pages = [];
    private readonly SortedSet<long> pageOrder = [];
    private readonly List<Pane[]> blocks = [];
    private int used;
    // Panes dropped, for reuse: linked through Next, as numbers plus one.
    private int free;
    private long lastNumber;
    private int[]? lastPage;

    /// <summary>Drops every pane.</summary>
    public void Clear()
    {
        pages.Clear();
        pageOrder.Clear();
        blocks.Clear();
        (used, free, lastPage) = (0, 0, null);
    }

    /// <summary>The pane of (<paramref name="minute"/>, <paramref name="channel"/>), created when <paramref name="sign"/> adds; valid until the next pane is created.</summary>
    public ref Pane For(long minute, string channel, int sign)
    {
        var page = PageOf(minute, create: sign > 0) ?? throw NoPane(minute);
        ref var first = ref page[Slot(minute)];
        if (first == 0)
        {
            if (sign < 0) throw NoPane(minute);
            first = New(channel) + 1;
            return ref At(first - 1);
        }
        for (var at = first - 1; ; at = At(at).Next - 1)
        {
            if (At(at).Channel == channel) return ref At(at);
            if (At(at).Next != 0) continue;
            // Numbered before the link is written: creating a pane may add a block.
            var added = New(channel);
            At(at).Next = added + 1;
            return ref At(added);
        }
    }

    /// <summary>Removes the pane of (<paramref name="minute"/>, <paramref name="channel"/>) if it holds nothing.</summary>
    public void DropIfEmpty(long minute, string channel)
    {
        if (PageOf(minute, create: false) is not { } page) return;
        ref var first = ref page[Slot(minute)];
        var before = -1;
        for (var at = first - 1; at >= 0; before = at, at = At(at).Next - 1)
        {
            ref var pane = ref At(at);
            if (pane.Channel != channel) continue;
            if (!pane.IsEmpty) return;
            if (before >= 0) At(before).Next = pane.Next;
            else first = pane.Next;
            pane = new Pane(string.Empty) { Next = free };
            free = at + 1;
            return;
        }
    }

    /// <summary>The pane numbered <paramref name="number"/> (from <see cref="Between"/>), to read; valid until the next pane is created.</summary>
    public ref readonly Pane Read(int number) => ref At(number);

    /// <summary>The number of every pane of the minutes from <paramref name="from"/> to <paramref name="last"/> (inclusive; null: unbounded), in minute order (<see cref="Read"/>).</summary>
    public IEnumerable<(long Minute, int Number)> Between(long? from, long? last)
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
                for (var at = page[slot] - 1; at >= 0; at = At(at).Next - 1) yield return (minute, at);
            }
        }
    }

    private static InvalidOperationException NoPane(long minute) => new($"no pane for minute {minute} to retract from");

    // Minutes before the epoch are on pages of negative numbers: the shift and the mask floor.
    private static int Slot(long minute) => (int)(minute & (PageMinutes - 1));

    private ref Pane At(int number) => ref blocks[number >> BlockBits][number & (BlockSize - 1)];

    // A new pane's number: a dropped one's, or the next one.
    private int New(string channel)
    {
        int number;
        if (free != 0)
        {
            number = free - 1;
            free = At(number).Next;
        }
        else
        {
            number = used++;
            if (number >> BlockBits == blocks.Count) blocks.Add(new Pane[blocks.Count == 0 ? 16 : BlockSize]);
            var block = blocks[number >> BlockBits];
            var slot = number & (BlockSize - 1);
            if (slot == block.Length) blocks[^1] = block = GrowFirst(block);
        }
        At(number) = new Pane(channel);
        return number;
    }

    // Only the first block grows; it doubles up to a whole block.
    private static Pane[] GrowFirst(Pane[] block)
    {
        var grown = new Pane[Math.Min(BlockSize, block.Length * 2)];
        block.CopyTo(grown, 0);
        return grown;
    }

    private int[]? PageOf(long minute, bool create)
    {
        var number = minute >> PageBits;
        if (lastPage is not null && number == lastNumber) return lastPage;
        if (!pages.TryGetValue(number, out var page))
        {
            if (!create) return null;
            pages[number] = page = new int[PageMinutes];
            pageOrder.Add(number);
        }
        (lastNumber, lastPage) = (number, page);
        return page;
    }
}
