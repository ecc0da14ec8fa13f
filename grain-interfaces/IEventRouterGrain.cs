using Analytics.Models;
using Orleans.Concurrency;

namespace Analytics;

/// <summary>
/// Consumes one ingest stream partition (implicit subscription, key = partition): groups each
/// batch by conversation, calls each conversation once and each brand once per batch.
/// </summary>
public interface IEventRouterGrain : IGrainWithStringKey
{
    /// <summary>
    /// What this activation applied and has not yet handed to the ingest ledger: the applied count
    /// is kept per partition, with the router, and summed when read (no grain call per batch to a
    /// single ledger).
    /// </summary>
    [AlwaysInterleave]
    Task<AppliedCounts> GetAppliedAsync();
}
