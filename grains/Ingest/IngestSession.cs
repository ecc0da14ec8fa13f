using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// One ingest request or replayed file: takes parsed events and rejected lines in input order,
/// publishes events in batches as it goes (memory stays flat however long the input), and ends
/// with a receipt that it also records in the cluster's ingest ledger.
/// </summary>
public sealed class IngestSession(EventPublisher publisher, IGrainFactory grains, int batchSize = 4096)
{
    /// <summary>Rejected lines listed in a receipt at most; all are counted.</summary>
    public const int ListedRejects = 100;

    private readonly HashSet<ulong> seenIds = [];
    private readonly Dictionary<string, long> rejectedByReason = new(StringComparer.Ordinal);
    private readonly List<RejectedLine> rejects = [];
    private List<CareEvent> pending = new(batchSize);
    private long accepted, duplicates, rejected;

    /// <summary>Events accepted so far.</summary>
    public long Accepted => accepted;

    /// <summary>Lines rejected so far.</summary>
    public long Rejected => rejected;

    /// <summary>Takes one accepted event; publishes a batch when one is full.</summary>
    public ValueTask AddAsync(CareEvent e)
    {
        accepted++;
        // 64-bit id hashes keep the per-request duplicate count cheap; the grains de-duplicate exactly.
        if (!seenIds.Add(GrainKeys.StableHash(e.Id))) duplicates++;
        pending.Add(e);
        return pending.Count >= batchSize ? new ValueTask(FlushAsync()) : ValueTask.CompletedTask;
    }

    /// <summary>Counts a rejected line under its reason and lists the first ones.</summary>
    public void Reject(RejectedLine line)
    {
        rejected++;
        rejectedByReason[line.Category] = rejectedByReason.GetValueOrDefault(line.Category) + 1;
        if (rejects.Count < ListedRejects) rejects.Add(line);
    }

    /// <summary>Publishes what is pending.</summary>
    public async Task FlushAsync()
    {
        if (pending.Count == 0) return;
        var batch = pending.ToArray();
        pending = new List<CareEvent>(batchSize);
        await publisher.PublishAsync(batch);
    }

    /// <summary>Publishes the rest, records the receipt in the ledger and returns it.</summary>
    public async Task<IngestReceipt> CompleteAsync()
    {
        await FlushAsync();
        var receipt = new IngestReceipt(accepted, duplicates, rejected, new Dictionary<string, long>(rejectedByReason), [.. rejects]);
        await grains.GetGrain<IIngestLedgerGrain>(0).RecordIngestAsync(receipt);
        return receipt;
    }
}
