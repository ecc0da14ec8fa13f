namespace Analytics.Storage;

/// <summary>Whether the durable ingest queue holds anything not yet applied (cluster mode).</summary>
public interface IIngestBacklog
{
    /// <summary>
    /// True when every entry of every queue has been delivered and acknowledged, i.e. every
    /// accepted event's effect is durable in the grains. Unlike the ledger's counters this survives
    /// silo crashes, because Redis keeps it.
    /// </summary>
    Task<bool> IsDrainedAsync();
}
