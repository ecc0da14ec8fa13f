namespace Analytics.Domain;

/// <summary>
/// A brand's running waiting periods: per channel, the start of each (<see cref="LongMultiset"/>).
/// Whether a period is in the backlog or stale depends on the as-of, so it is decided when the
/// snapshot is taken: the backlog is the newest periods. Which conversation a period belongs to
/// is not needed here (the listing of who waits reads the held contributions).
/// </summary>
internal sealed class WaitingPeriods
{
    private readonly Dictionary<string, LongMultiset> byChannel = new(StringComparer.Ordinal);

    /// <summary>Drops every period.</summary>
    public void Clear() => byChannel.Clear();

    /// <summary>Adds (sign 1) or removes (sign -1) a period starting at <paramref name="start"/>.</summary>
    public void Edit(string channel, long start, int sign)
    {
        if (!byChannel.TryGetValue(channel, out var starts)) byChannel[channel] = starts = new LongMultiset();
        if (sign > 0) starts.Add(start);
        else starts.Remove(start);
    }

    /// <summary>Adds backlog, stale waits and the oldest backlog wait at <paramref name="asOf"/> per channel to the builders of the channels asked for.</summary>
    /// <param name="builders">A builder per channel; channels without one are skipped.</param>
    /// <param name="asOf">The brand's as-of.</param>
    /// <param name="horizon">H: a wait this long or longer is stale.</param>
    public void AddSnapshot(IReadOnlyDictionary<string, TallyBuilder> builders, long asOf, long horizon)
    {
        foreach (var (channel, starts) in byChannel)
        {
            if (starts.Count > 0 && builders.TryGetValue(channel, out var b)) AddSnapshot(b, starts, asOf, horizon);
        }
    }

    /// <summary>The backlog at <paramref name="asOf"/> over all channels.</summary>
    public long Backlog(long asOf, long horizon)
    {
        var b = new TallyBuilder();
        foreach (var starts in byChannel.Values)
        {
            if (starts.Count > 0) AddSnapshot(b, starts, asOf, horizon);
        }
        return b.Backlog;
    }

    private static void AddSnapshot(TallyBuilder b, LongMultiset starts, long asOf, long horizon)
    {
        // Backlog iff asOf - start < H, i.e. start > asOf - H.
        var (count, oldest) = starts.AtLeast(asOf - horizon + 1);
        b.Backlog += count;
        b.StaleWaiting += starts.Count - count;
        if (oldest is { } start) b.NoteWait(asOf - start);
    }
}
