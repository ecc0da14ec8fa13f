using HdrHistogram;

namespace Analytics.Client.Benchmarks;

/// <summary>
/// Freshness (accepted until reflected in the brand grains) from two cheap counters instead of
/// per-event marks: the times at which runs of events were accepted, and the cluster's applied
/// count polled over time. Events are matched first in, first out: the n-th event counts as
/// reflected when the applied count first reaches n. Partitions finish batches slightly out of
/// order, so single events may be attributed to a neighbour's time; the distribution is what
/// matters. All times in microseconds on one clock.
/// </summary>
public sealed class FreshnessTracker
{
    /// <summary>Longest freshness recorded exactly (longer values are clamped to it).</summary>
    public const long MaxMicros = 3_600_000_000;

    private readonly Queue<(long Count, long At)> accepted = new();
    private long acceptedTotal, applied;
    // Events of the oldest run already reflected: a run may be reflected in parts.
    private long headReflected;

    /// <summary>Freshness of every reflected event, microseconds.</summary>
    public LongHistogram Histogram { get; } = new(MaxMicros, 3);

    /// <summary>Events accepted but not yet reflected.</summary>
    public long Pending => acceptedTotal - applied;

    /// <summary>Records that <paramref name="count"/> events were accepted at <paramref name="at"/>.</summary>
    public void Accepted(long count, long at)
    {
        if (count <= 0) return;
        accepted.Enqueue((count, at));
        acceptedTotal += count;
    }

    /// <summary>Records that <paramref name="appliedTotal"/> of the accepted events were reflected by <paramref name="at"/>.</summary>
    public void Applied(long appliedTotal, long at)
    {
        var newly = Math.Min(appliedTotal, acceptedTotal) - applied;
        while (newly > 0)
        {
            var (count, acceptedAt) = accepted.Peek();
            var taken = Math.Min(count - headReflected, newly);
            Histogram.RecordValueWithCount(Math.Clamp(at - acceptedAt, 0, MaxMicros), taken);
            newly -= taken;
            applied += taken;
            headReflected += taken;
            if (headReflected < count) continue;
            accepted.Dequeue();
            headReflected = 0;
        }
    }
}
