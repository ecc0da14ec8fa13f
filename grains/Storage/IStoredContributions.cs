using Analytics.Models;

namespace Analytics.Storage;

/// <summary>
/// Cluster mode: the contributions of a brand's conversations as their stored states give them,
/// for a brand that activates. The states are the one durable record of a conversation, written
/// before the conversation answers (so before the brand takes the contribution, and before the
/// queue batch is acknowledged): a brand needs no store of its own, and can never hold an effect
/// that a crash would lose.
/// </summary>
public interface IStoredContributions
{
    /// <summary>The latest contribution of each of a brand's conversations and audience shards.</summary>
    Task<List<Contribution>> LoadAsync(string brand);
}
