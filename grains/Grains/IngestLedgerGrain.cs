using Analytics.Models;
using Analytics.Storage;
using Analytics.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Analytics.Grains;

/// <summary>
/// Cluster-wide ingest counters, kept in memory: they describe this run of the cluster. Accepted
/// events and rejects are recorded here once per request; applied events are counted by each
/// active partition's router (<see cref="IEventRouterGrain.GetAppliedAsync"/>) and summed here when
/// read, so no batch waits on this one grain. In cluster
/// mode this grain may be lost with its silo and start again from zero, and a redelivered batch is
/// counted as applied twice, so there the counters are indicative only, and being caught up is
/// decided by the durable queue itself (<see cref="IIngestBacklog"/>), never by the counters.
/// </summary>
public sealed class IngestLedgerGrain(IOptions<AnalyticsOptions> options) : Grain, IIngestLedgerGrain
{
    private const int KeptRejects = 100;
    private readonly Queue<RejectedLine> recent = new();
    private readonly Dictionary<string, long> byReason = new(StringComparer.Ordinal);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(5);
    private readonly HashSet<string> activeRouters = new(StringComparer.Ordinal);
    private long accepted, rejected;
    // Applied by the history import and by routers that deactivated.
    private AppliedCounts handedIn = AppliedCounts.None;

    public Task RecordIngestAsync(IngestReceipt receipt)
    {
        accepted += receipt.Accepted;
        rejected += receipt.Rejected;
        foreach (var (reason, count) in receipt.RejectedByReason)
        {
            byReason[reason] = byReason.GetValueOrDefault(reason) + count;
        }
        foreach (var r in receipt.Rejects)
        {
            recent.Enqueue(r);
            if (recent.Count > KeptRejects) recent.Dequeue();
        }
        return Task.CompletedTask;
    }

    public Task RecordAppliedAsync(long events, long duplicateEvents, long conflictingDuplicates)
    {
        handedIn = handedIn.Plus(new AppliedCounts(events, duplicateEvents, conflictingDuplicates));
        return Task.CompletedTask;
    }

    public Task RouterActivatedAsync(string partition)
    {
        activeRouters.Add(partition);
        return Task.CompletedTask;
    }

    public Task RouterDeactivatedAsync(string partition, AppliedCounts handed)
    {
        activeRouters.Remove(partition);
        handedIn = handedIn.Plus(handed);
        return Task.CompletedTask;
    }

    public async Task<bool> WaitCaughtUpAsync(TimeSpan max)
    {
        if (options.Value.Mode == EngineMode.Cluster) return await DrainedAsync(ServiceProvider.GetRequiredService<IIngestBacklog>(), max);
        // Polled: the applied count lives with the routers.
        var deadline = DateTime.UtcNow + max;
        while ((await AppliedAsync()).Events < accepted)
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(PollEvery);
        }
        return true;
    }

    public async Task<IngestStatus> GetStatusAsync()
    {
        var applied = await AppliedAsync();
        return new IngestStatus(accepted, applied.Events, rejected, applied.Duplicates, applied.ConflictingDuplicates, new Dictionary<string, long>(byReason), [.. recent]);
    }

    private async Task<AppliedCounts> AppliedAsync()
    {
        // A copy: routers may come and go while the reads are under way (the caught-up wait interleaves).
        var routers = await Task.WhenAll(activeRouters.ToArray().Select(RouterAppliedAsync));
        return routers.Aggregate(handedIn, (sum, r) => sum.Plus(r));
    }

    // A router that cannot answer (its silo just died, cluster mode) counts nothing for now: the
    // sum is low for a moment, which only makes a caught-up wait longer, never wrong.
    private async Task<AppliedCounts> RouterAppliedAsync(string partition)
    {
        try
        {
            return await GrainFactory.GetGrain<IEventRouterGrain>(partition).GetAppliedAsync();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return AppliedCounts.None;
        }
    }

    // Redis has no notification for "group caught up", so this polls, briefly, inside the silo.
    private static async Task<bool> DrainedAsync(IIngestBacklog backlog, TimeSpan max)
    {
        var deadline = DateTime.UtcNow + max;
        while (true)
        {
            if (await backlog.IsDrainedAsync()) return true;
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

}
