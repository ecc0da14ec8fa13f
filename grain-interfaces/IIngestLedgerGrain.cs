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

    /// <summary>
    /// A partition's router became active: its applied count is read from it from now on. Routers
    /// are only ever asked once they said so, so that reading the counters never activates one
    /// (it would be placed beside this grain rather than beside the pulling agent of its partition).
    /// One-way: a router's activation never waits for this grain, which may itself be waiting for
    /// that router's counts.
    /// </summary>
    [OneWay]
    Task RouterActivatedAsync(string partition);

    /// <summary>A partition's router deactivates and hands in what it applied (interleaved, for the same reason).</summary>
    [AlwaysInterleave]
    Task RouterDeactivatedAsync(string partition, AppliedCounts handed);

    /// <summary>The counters.</summary>
    Task<IngestStatus> GetStatusAsync();

    /// <summary>
    /// Completes when every accepted event has been applied, or after <paramref name="max"/>;
    /// true if caught up. An event barrier for replays and tests, instead of polling.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> WaitCaughtUpAsync(TimeSpan max);
}
