using Analytics.Domain.Packing;

namespace Analytics.Domain;

/// <summary>
/// A brand's running waiting periods per channel, ordered by start, each referring to its
/// conversation's held record (<see cref="HeldConversations"/>) rather than to an id string of its
/// own. Whether a period is in the backlog or stale depends on the as-of, so it is decided when
/// the snapshot is taken: the backlog is the newest periods, a range of the ordered set.
/// </summary>
internal sealed class WaitingPeriods
{
    private readonly Dictionary<string, SortedSet<(long Start, byte[]? Conversation)>> byChannel = new(StringComparer.Ordinal);

    /// <summary>Drops every period.</summary>
    public void Clear() => byChannel.Clear();

    /// <summary>Adds (sign 1) or removes (sign -1) the period of a conversation.</summary>
    public void Edit(string channel, long start, byte[]? conversation, int sign)
    {
        if (!byChannel.TryGetValue(channel, out var set)) byChannel[channel] = set = new(WaitingOrder.Instance);
        if (sign > 0) set.Add((start, conversation));
        else set.Remove((start, conversation));
    }

    /// <summary>Adds backlog, stale waits and the oldest backlog wait at <paramref name="asOf"/> per channel to the builders of the channels asked for.</summary>
    /// <param name="builders">A builder per channel; channels without one are skipped.</param>
    /// <param name="asOf">The brand's as-of.</param>
    /// <param name="horizon">H: a wait this long or longer is stale.</param>
    public void AddSnapshot(IReadOnlyDictionary<string, TallyBuilder> builders, long asOf, long horizon)
    {
        foreach (var (channel, periods) in byChannel)
        {
            if (periods.Count > 0 && builders.TryGetValue(channel, out var b)) AddSnapshot(b, periods, asOf, horizon);
        }
    }

    /// <summary>The backlog at <paramref name="asOf"/> over all channels.</summary>
    public long Backlog(long asOf, long horizon)
    {
        var b = new TallyBuilder();
        foreach (var periods in byChannel.Values)
        {
            if (periods.Count > 0) AddSnapshot(b, periods, asOf, horizon);
        }
        return b.Backlog;
    }

    private static void AddSnapshot(TallyBuilder b, SortedSet<(long Start, byte[]? Conversation)> periods, long asOf, long horizon)
    {
        // Backlog iff asOf - start < H, i.e. start > asOf - H: the newest periods of the ascending set.
        var backlog = periods.GetViewBetween((asOf - horizon + 1, null), (long.MaxValue, null));
        var count = backlog.Count;
        b.Backlog += count;
        b.StaleWaiting += periods.Count - count;
        if (count > 0) b.NoteWait(asOf - backlog.Min.Start);
    }

    /// <summary>Waiting periods by start, then by conversation id; a null conversation sorts first (range bounds).</summary>
    private sealed class WaitingOrder : IComparer<(long Start, byte[]? Conversation)>
    {
        public static WaitingOrder Instance { get; } = new();

        public int Compare((long Start, byte[]? Conversation) x, (long Start, byte[]? Conversation) y)
        {
            var byStart = x.Start.CompareTo(y.Start);
            if (byStart != 0) return byStart;
            if (x.Conversation is null || y.Conversation is null) return (x.Conversation is null ? 0 : 1) - (y.Conversation is null ? 0 : 1);
            return HeldConversations.CompareIds(x.Conversation, y.Conversation);
        }
    }
}
