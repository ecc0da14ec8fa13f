using Analytics.Grains;

namespace Analytics.Storage;

/// <summary>
/// Cluster mode's durability: one commit for all the routers of a silo that finish a batch at
/// the same time, instead of a write per conversation call. A conversation grain stages its new
/// state (<see cref="RedisGrainStorage.Stage"/>) instead of writing it; a router then commits its
/// batch's brand contributions here (<see cref="CommitAsync"/>). A commit writes every state
/// staged so far (a few scripts for all of them, each write still checked against its ETag),
/// then calls each brand once with the contributions of every batch in the commit; the routers'
/// batches complete, and their queue entries are acknowledged, only after that.
/// <list type="bullet">
/// <item>Accepted means not lost: a batch whose commit failed fails, and its entry is delivered
/// again; conversations and brands take a batch twice as once.</item>
/// <item>A brand never holds a contribution whose conversation state is not stored, so a brand
/// rebuilt from Redis holds at least what it held.</item>
/// <item>Commits follow one another (<see cref="GroupCommit{TRequest,TResult}"/> with one in
/// flight): while one is under way the next gathers the batches finished meanwhile.</item>
/// </list>
/// </summary>
public sealed class IngestCommit
{
    private readonly RedisGrainStorage storage;
    private readonly IGrainFactory grains;
    private readonly GroupCommit<BrandUpdates, bool> commits;
    // One commit at a time (maxInFlight: 1), so one set of buffers serves them all.
    private readonly BrandUpdates gathered = new();

    public IngestCommit(RedisGrainStorage storage, IGrainFactory grains)
    {
        this.storage = storage;
        this.grains = grains;
        commits = new(CommitAllAsync, maxInFlight: 1);
    }

    /// <summary>
    /// Stores the states staged so far and hands the brands <paramref name="updates"/> (with the
    /// other batches of the same commit). Emptied for reuse when it completes; dropped if it fails
    /// (a brand call that timed out may still be reading its buffers).
    /// </summary>
    internal Task CommitAsync(BrandUpdates updates) => commits.SubmitAsync(updates);

    private async Task<bool[]> CommitAllAsync(IReadOnlyList<BrandUpdates> batches)
    {
        // Gathered in the commit's own buffers, not in one of the routers': those would each grow to
        // a whole commit's size, and be grown again whenever another router's batch came first.
        var all = gathered;
        foreach (var batch in batches) batch.MoveTo(all);
        List<(string GrainKey, ConversationState State)> merged;
        try
        {
            // States first: a brand may take a contribution only once its state is stored.
            merged = await storage.FlushStagedAsync();
        }
        catch
        {
            // The batches fail and come again; their states stay staged for the next commit.
            all.Clear();
            throw;
        }
        foreach (var (grainKey, state) in merged)
        {
            var (brand, contribution) = state.ContributionOf(grainKey);
            all.Add(brand, contribution);
        }
        await all.SendAsync(grains);
        return [.. batches.Select(_ => true)];
    }
}
