using Orleans.Concurrency;
using Analytics.Models;

namespace Analytics;

/// <summary>Cluster-wide ingest counters (a single grain, key 0), called once per request or batch, never per event.</summary>
public interface IIngestLedgerGrain : IGrainWithIntegerKey
{
    /// <summary>Records what one ingest request or replayed file accepted and rejected.</summary>
    Task RecordIngestAsync(IngestReceipt receipt);

    /// <summary>Records accepted events whose effect has reached their brands.</summary>
    Task RecordAppliedAsync(long events, long duplicates, long conflictingDuplicates);

    /// <summary>The counters.</summary>
    Task<IngestStatus> GetStatusAsync();

    /// <summary>
    /// Completes when every accepted event has been applied, or after <paramref name="max"/>;
    /// true if caught up. An event barrier for replays and tests, instead of polling.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> WaitCaughtUpAsync(TimeSpan max);
}
