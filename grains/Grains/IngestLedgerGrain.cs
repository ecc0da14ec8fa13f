using Analytics.Models;

namespace Analytics.Grains;

/// <summary>Cluster-wide ingest counters, kept in memory (they describe this run of the cluster).</summary>
public sealed class IngestLedgerGrain : Grain, IIngestLedgerGrain
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
        if (applied >= accepted) return true;
        var barrier = caughtUp.Task;
        return await Task.WhenAny(barrier, Task.Delay(max)) == barrier;
    }

    public Task<IngestStatus> GetStatusAsync() => Task.FromResult(new IngestStatus(
        accepted, applied, rejected, duplicates, conflicting, new Dictionary<string, long>(byReason), [.. recent]));

    private static TaskCompletionSource NewBarrier() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void CheckCaughtUp()
    {
        if (applied < accepted) return;
        caughtUp.TrySetResult();
        caughtUp = NewBarrier();
    }
}
