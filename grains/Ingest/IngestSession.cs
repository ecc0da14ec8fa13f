using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// One ingest request: takes parsed events and rejected lines in input order, publishes events in
/// batches as it goes, and ends with a receipt that it also records in the cluster's ingest ledger.
/// Memory: a batch of events, plus a 64-bit hash of every distinct id of the request (for the
/// receipt's count of ids repeated within the request), about 20 bytes an id. The client sends
/// files in requests of a few MB; a history file goes through the history import instead
/// (<see cref="Import.HistoryImport"/>), which holds no such set.
/// </summary>
/// <param name="publisher">Where batches go.</param>
/// <param name="grains">The ingest ledger's grain factory.</param>
/// <param name="log">Embedded mode's event log: each batch is appended before it is published, and committed before the receipt.</param>
/// <param name="batchSize">Events per published batch.</param>
public sealed class IngestSession(EventPublisher publisher, IGrainFactory grains, Storage.EventLog? log = null, int batchSize = 4096)
{
    private readonly HashSet<ulong> seenIds = [];
    private readonly RejectTally rejects = new();
    private List<CareEvent> pending = new(batchSize);
    private long accepted, duplicates, published;

    /// <summary>Called after each published batch with the number of events published so far (e.g. to apply back-pressure).</summary>
    public Func<long, Task>? Published { get; init; }

    /// <summary>False drops each event's author and text before it is logged or published (<c>Analytics:KeepText</c>); what was derived from them stays.</summary>
    public bool KeepText { get; init; } = true;

    /// <summary>Events accepted so far.</summary>
    public long Accepted => accepted;

    /// <summary>Lines rejected so far.</summary>
    public long Rejected => rejects.Count;

    /// <summary>Takes one accepted event; publishes a batch when one is full.</summary>
    public ValueTask AddAsync(CareEvent e)
    {
        accepted++;
        // 64-bit id hashes keep the per-request duplicate count cheap; the grains de-duplicate exactly.
        if (!seenIds.Add(GrainKeys.StableHash(e.Id))) duplicates++;
        pending.Add(e.Kept(KeepText));
        return pending.Count >= batchSize ? new ValueTask(FlushAsync()) : ValueTask.CompletedTask;
    }

    /// <summary>Takes every parsed line of an input in order.</summary>
    public async Task AddAllAsync(IAsyncEnumerable<ParsedLine> lines)
    {
        await foreach (var line in lines)
        {
            if (line.Event is { } e) await AddAsync(e);
            else if (line.Reject is { } r) Reject(r);
        }
    }

    /// <summary>Counts a rejected line under its reason and lists the first ones.</summary>
    public void Reject(RejectedLine line) => rejects.Reject(line);

    /// <summary>Takes rejects counted elsewhere: the lines listed there and the totals per reason (<see cref="RejectTally.Add"/>).</summary>
    public void AddRejects(IEnumerable<RejectedLine> listed, IReadOnlyDictionary<string, long>? totalByReason = null) => rejects.Add(listed, totalByReason);

    /// <summary>Counts rejected lines that are not listed, under their reason category.</summary>
    public void CountRejects(string category, long lines) => rejects.CountUnlisted(category, lines);

    /// <summary>Publishes what is pending.</summary>
    public async Task FlushAsync()
    {
        if (pending.Count == 0) return;
        var batch = pending.ToArray();
        pending = new List<CareEvent>(batchSize);
        if (log is not null) await log.AppendAsync(batch);
        await publisher.PublishAsync(batch);
        published += batch.Length;
        if (Published is { } callback) await callback(published);
    }

    /// <summary>Publishes the rest, records the receipt in the ledger and returns it.</summary>
    public async Task<IngestReceipt> CompleteAsync()
    {
        await FlushAsync();
        // Accepted means kept: the log has the events before the receipt says so.
        if (log is not null) await log.CommitAsync();
        var receipt = rejects.Receipt(accepted, duplicates);
        await grains.GetGrain<IIngestLedgerGrain>(0).RecordIngestAsync(receipt);
        return receipt;
    }
}
