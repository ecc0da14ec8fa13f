namespace Analytics.Domain;

/// <summary>
/// A brand's panes by minute: each minute's panes, one per channel, in a chain from the minute's
/// first pane, and the minutes in order beside them (changed only when a minute gets its first pane
/// or loses its last). A minute holds a few channels, so a chain beats a dictionary per minute,
/// which cost about 250 bytes and three objects for each of a brand's minutes.
/// </summary>
internal sealed class PaneIndex
{
    private readonly Dictionary<long, Pane> firstByMinute = [];
    private readonly SortedSet<long> order = [];

    /// <summary>Drops every pane.</summary>
    public void Clear()
    {
        firstByMinute.Clear();
        order.Clear();
    }

    /// <summary>The pane of (<paramref name="minute"/>, <paramref name="channel"/>), created when <paramref name="sign"/> adds.</summary>
    public Pane For(long minute, string channel, int sign)
    {
        if (!firstByMinute.TryGetValue(minute, out var first))
        {
            if (sign < 0) throw new InvalidOperationException($"no pane for minute {minute} to retract from");
            order.Add(minute);
            return firstByMinute[minute] = new Pane(channel);
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
        if (!firstByMinute.TryGetValue(minute, out var first)) return;
        Pane? before = null;
        for (var pane = first; pane is not null; before = pane, pane = pane.Next)
        {
            if (pane.Channel != channel) continue;
            if (!pane.IsEmpty) return;
            if (before is not null) before.Next = pane.Next;
            else if (pane.Next is not null) firstByMinute[minute] = pane.Next;
            else
            {
                firstByMinute.Remove(minute);
                order.Remove(minute);
            }
            return;
        }
    }

    /// <summary>Every pane of the minutes from <paramref name="from"/> to <paramref name="last"/> (inclusive; null: unbounded), in minute order.</summary>
    public IEnumerable<(long Minute, Pane Pane)> Between(long? from, long? last)
    {
        if (order.Count == 0) yield break;
        var (lo, hi) = (from ?? order.Min, last ?? order.Max);
        if (hi < lo) yield break;
        foreach (var minute in order.GetViewBetween(lo, hi))
        {
            for (var pane = firstByMinute[minute]; pane is not null; pane = pane.Next) yield return (minute, pane);
        }
    }
}
