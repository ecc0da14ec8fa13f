using Analytics.Models;

namespace Analytics.Storage;

/// <summary>
/// Durable, incremental storage of a brand's contributions (cluster mode): a brand writes only the
/// contributions a batch changed, and awaits the write before its ApplyAsync returns, so a stream
/// batch is never acknowledged while part of its effect lives only in memory.
/// </summary>
public interface IContributionStore
{
    /// <summary>The latest stored contribution of each of a brand's conversations and audience shards.</summary>
    Task<List<Contribution>> LoadAsync(string brand);

    /// <summary>Stores contributions; a stored version is only ever replaced by a newer one, whoever writes.</summary>
    Task SaveAsync(string brand, IReadOnlyList<Contribution> changed);
}
