using System.Diagnostics;
using Analytics.Client.Infrastructure;
using Analytics.Models;

namespace Analytics.Client.Benchmarks;

/// <summary>
/// Sends traffic to a target in chunks, as fast as the source yields it, and measures freshness
/// by polling the cluster's applied count beside (<see cref="FreshnessTracker"/>). The source
/// decides the rate: it is asked for whatever is due now and may answer nothing.
/// </summary>
/// <param name="target">Where events go (embedded silo or HTTP).</param>
/// <param name="source">Appends the events due at the given elapsed time to the list; returns false when it has no more.</param>
public sealed class LoadDriver(IReplayTarget target, Func<TimeSpan, List<CareEvent>, bool> source)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(5);
    private readonly FreshnessTracker freshness = new();
    private readonly Lock gate = new();
    private long sent, accepted, rejected;

    /// <summary>Events handed to the target.</summary>
    public long Sent => Interlocked.Read(ref sent);

    /// <summary>Events the target accepted.</summary>
    public long Accepted => Interlocked.Read(ref accepted);

    /// <summary>Lines the target rejected.</summary>
    public long Rejected => Interlocked.Read(ref rejected);

    /// <summary>Time spent sending (set when <see cref="RunAsync"/> ends).</summary>
    public TimeSpan SendingTime { get; private set; }

    /// <summary>Freshness so far.</summary>
    public LatencySummary Freshness()
    {
        lock (gate) return LatencySummary.Of(freshness.Histogram);
    }

    /// <summary>Events accepted and not yet reflected.</summary>
    public long Pending
    {
        get { lock (gate) return freshness.Pending; }
    }

    /// <summary>Forgets the freshness recorded so far (after a warm-up).</summary>
    public void ResetFreshness()
    {
        lock (gate) freshness.Histogram.Reset();
    }

    /// <summary>
    /// Sends until <paramref name="duration"/> passed or <paramref name="maxEvents"/> went out, then
    /// waits up to <paramref name="drain"/> for the rest to be reflected.
    /// </summary>
    public async Task RunAsync(TimeSpan? duration, long? maxEvents, TimeSpan drain, CancellationToken cancellationToken)
    {
        var status = await target.StatusAsync(cancellationToken);
        // Events already in the cluster are counted as applied before ours: the applied count is global.
        var baseline = status.Accepted;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var poller = PollAsync(baseline, stop.Token);
        var clock = Stopwatch.StartNew();
        var chunk = new List<CareEvent>(1 << 16);
        var counters = new ReplayCounters();
        while (!cancellationToken.IsCancellationRequested
               && (duration is not { } d || clock.Elapsed < d) && (maxEvents is not { } m || Sent < m))
        {
            chunk.Clear();
            var more = source(clock.Elapsed, chunk);
            if (maxEvents is { } max && Sent + chunk.Count > max) chunk.RemoveRange((int)(max - Sent), (int)(Sent + chunk.Count - max));
            if (chunk.Count == 0)
            {
                if (!more) break;
                await Task.Delay(1, cancellationToken);
                continue;
            }
            var at = MonotonicClock.Micros;
            var receipt = await target.ReplayAsync(EventLines.Of(chunk), counters, cancellationToken);
            Interlocked.Add(ref sent, chunk.Count);
            Interlocked.Add(ref accepted, receipt.Accepted);
            Interlocked.Add(ref rejected, receipt.Rejected);
            lock (gate) freshness.Accepted(receipt.Accepted, at);
        }
        SendingTime = clock.Elapsed;
        var drained = Stopwatch.StartNew();
        while (Pending > 0 && drained.Elapsed < drain && !cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(PollEvery, cancellationToken);
        }
        await stop.CancelAsync();
        await poller;
    }

    private async Task PollAsync(long baseline, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var applied = (await target.StatusAsync(cancellationToken)).Applied - baseline;
                var at = MonotonicClock.Micros;
                lock (gate) freshness.Applied(applied, at);
                await Task.Delay(PollEvery, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }
}
