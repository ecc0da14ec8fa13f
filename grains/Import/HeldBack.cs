using Analytics.Models;

namespace Analytics.Import;

/// <summary>
/// One import worker's conversations that may go on in the next chunks. A history in time order
/// brings a conversation's messages minutes to hours apart, so a cut between chunks splits about a
/// third of them, and each split costs its stored state read back, unpacked, merged and packed
/// again, and its brand contribution retracted and replaced. Their events wait here instead, as
/// columns, until the conversation has been quiet for <see cref="Window"/> of event time (the
/// latest time this worker has seen), or the file ends, or the held events pass their bound (the
/// longest-quiet conversations go first). The order events are imported in changes no figure.
/// </summary>
public sealed class HeldBack
{
    // The held rows, and the rows of the last Take (held plus that chunk's share), which the
    // conversations it returned read until the next Take.
    private EventColumns held = new();
    private EventColumns taken = new();
    private readonly ConversationGroups groups = new();
    private long latest = long.MinValue;

    /// <summary>Quiet time (event time, microseconds) after which a conversation is imported.</summary>
    public long Window { get; init; } = 2 * Time.MicrosPerHour;

    /// <summary>Most events held; past it the longest-quiet conversations are imported early.</summary>
    public long MaxEvents { get; init; } = 500_000;

    /// <summary>Events held now.</summary>
    public long Events => held.Count;

    /// <summary>
    /// Takes one chunk's share and returns the conversations to import now, each with every event
    /// held for it so far: the quiet ones, and with <paramref name="final"/> all of them. The
    /// groups stay valid until the next call.
    /// </summary>
    public (ConversationGroups Groups, List<int> Now) Take(IEnumerable<EventColumns> share, bool final)
    {
        ArgumentNullException.ThrowIfNull(share);
        (taken, held) = (held, taken);
        held.Clear();
        foreach (var piece in share) taken.CopyFrom(piece);
        groups.Group(taken);
        for (var g = 0; g < groups.Count; g++) latest = Math.Max(latest, groups.LatestOf(g));

        var quietBefore = final ? long.MaxValue : latest - Window;
        var now = new List<int>(groups.Count);
        var keep = new List<int>();
        long kept = 0;
        for (var g = 0; g < groups.Count; g++)
        {
            if (groups.LatestOf(g) < quietBefore)
            {
                now.Add(g);
            }
            else
            {
                keep.Add(g);
                kept += groups.RowsOf(g).Length;
            }
        }
        if (kept > MaxEvents)
        {
            // Over the bound: the longest-quiet of the rest go too, down to half of it.
            keep.Sort((a, b) => groups.LatestOf(a).CompareTo(groups.LatestOf(b)));
            var early = 0;
            for (; early < keep.Count && kept > MaxEvents / 2; early++) kept -= groups.RowsOf(keep[early]).Length;
            now.AddRange(keep.Take(early));
            keep.RemoveRange(0, early);
        }
        foreach (var g in keep)
        {
            foreach (var row in groups.RowsOf(g)) held.CopyFrom(taken, row);
        }
        return (groups, now);
    }
}
