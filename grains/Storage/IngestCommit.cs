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
/// <item>Flushes follow one another, and a commit's brand calls overlap the next commit's flush
/// (<see cref="GroupCommit{TRequest,TResult}"/> with two in flight): while one flush is under way
/// the next commit gathers the batches finished meanwhile.</item>
/// </list>
/// </summary>
public sealed class IngestCommit
{
    private readonly RedisGrainStorage storage;
    private readonly IGrainFactory grains;
    private readonly GroupCommit<BrandUpdates, bool> commits;
    // Flushes follow one another; a commit's brand calls overlap the next commit's flush.
    private readonly SemaphoreSlim flushing = new(1, 1);
    // The gathering buffers of the commits in flight (at most two), reused.
    private readonly System.Collections.Concurrent.ConcurrentBag<BrandUpdates> buffers = [];

    public IngestCommit(RedisGrainStorage storage, IGrainFactory grains)
    {
        this.storage = storage;
        this.grains = grains;
        commits = new(CommitAllAsync, maxInFlight: 2);
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
        var all = buffers.TryTake(out var reused) ? reused : new BrandUpdates();
        try
        {
            foreach (var batch in batches) batch.MoveTo(all);
            // States first: a brand may take a contribution only once its state is stored. Every
            // state of these batches was staged before this commit took them, so this flush, or
            // the one before it (finished, as flushes follow one another), stores it; a failed
            // flush puts its states back before the next one starts.
            List<(string GrainKey, ConversationState State)> merged;
            await flushing.WaitAsync();
            try
            {
                merged = await storage.FlushStagedAsync();
            }
            finally
            {
                flushing.Release();
            }
            foreach (var (grainKey, state) in merged)
            {
                var (brand, contribution) = state.ContributionOf(grainKey);
                all.Add(brand, contribution);
            }
            await all.SendAsync(grains);
            return [.. batches.Select(_ => true)];
        }
        finally
        {
            // A failed commit's batches fail and come again (their states stay staged); a failed
            // brand call has already dropped the buffers it may still be reading.
            all.Clear();
            buffers.Add(all);
        }
    }
}
