using Analytics.Models;
using Analytics.Storage;
using Analytics.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Analytics.Grains;

/// <summary>
/// Cluster-wide ingest counters, kept in memory: they describe this run of the cluster. In cluster
/// mode this grain may be lost with its silo and start again from zero, and a redelivered batch is
/// counted as applied twice, so there the counters are indicative only, and being caught up is
/// decided by the durable queue itself (<see cref="IIngestBacklog"/>), never by the counters.
/// </summary>
public sealed class IngestLedgerGrain(IOptions<AnalyticsOptions> options) : Grain, IIngestLedgerGrain
{
    private const int KeptRejects = 100;
    private readonly Queue<RejectedLine> recent = new();
    private readonly Dictionary<string, long> byReason = new(StringComparer.Ordinal);
    private long accepted, applied, rejected, duplicates, conflicting;
    private TaskCompletionSource caughtUp = NewBarrier();

    public Task RecordIngestAsync(IngestReceipt receipt)
    {
        accepted += receipt.Accepted;
        CheckCaughtUp();
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
        applied += events;
        CheckCaughtUp();
        duplicates += duplicateEvents;
        conflicting += conflictingDuplicates;
        return Task.CompletedTask;
    }

    public async Task<bool> WaitCaughtUpAsync(TimeSpan max)
    {
        if (options.Value.Mode == EngineMode.Cluster) return await DrainedAsync(ServiceProvider.GetRequiredService<IIngestBacklog>(), max);
        if (applied >= accepted) return true;
        var barrier = caughtUp.Task;
        return await Task.WhenAny(barrier, Task.Delay(max)) == barrier;
    }

    public Task<IngestStatus> GetStatusAsync() => Task.FromResult(new IngestStatus(
        accepted, applied, rejected, duplicates, conflicting, new Dictionary<string, long>(byReason), [.. recent]));

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

    private static TaskCompletionSource NewBarrier() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void CheckCaughtUp()
    {
        if (applied < accepted) return;
        caughtUp.TrySetResult();
        caughtUp = NewBarrier();
    }
}
