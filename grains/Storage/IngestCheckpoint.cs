using Analytics.Domain;
using Analytics.Domain.Packing;
using Analytics.Grains;
using Analytics.Hosting;
using Analytics.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Storage;

/// <summary>
/// Cluster mode's durability: by checkpoint, not by call. A conversation grain stages its new state
/// (<see cref="RedisGrainStorage.Stage"/>) instead of writing it, and a router hands its batch's
/// brand contributions here (<see cref="Hand"/>) instead of calling the brands. Every
/// <see cref="AnalyticsOptions.CheckpointInterval"/> a checkpoint writes the staged states (a few
/// scripts for all of them) and then calls each brand once with everything gathered for it; only
/// then is it complete, and the queue entries consumed while it was gathering are acknowledged
/// (<see cref="Streaming.RedisQueueReceiver"/>).
/// <list type="bullet">
/// <item>Accepted means not lost: an entry is acknowledged only after the states and contributions
/// of its batch are stored and taken. A silo that dies loses only work whose entries are not
/// acknowledged, and they are delivered again; conversations and brands take a batch twice as once.</item>
/// <item>A brand never holds a contribution whose conversation state is not stored, so a brand
/// rebuilt from Redis holds at least what it held.</item>
/// <item>A conversation that several batches touch within a checkpoint is written once, and a brand
/// is called once per checkpoint rather than once per batch and router.</item>
/// </list>
/// The price: in cluster mode the brands' figures trail the events by up to one interval.
/// </summary>
public sealed class IngestCheckpoint(RedisGrainStorage storage, IGrainFactory grains, IOptions<AnalyticsOptions> options, ILogger<IngestCheckpoint> logger) : BackgroundService
{
    private readonly Lock gate = new();
    // Contributions handed since the last checkpoint began.
    private BrandUpdates gathered = new();
    // A checkpoint's contributions whose brand calls failed: handed again, as they are, by the next.
    private readonly List<BrandUpdates> unsent = [];
    private long gathering = 1;
    private long completed;

    /// <summary>The number of the checkpoint now gathering: what is handed or staged now is stored by it (or an earlier one).</summary>
    public long Gathering => Volatile.Read(ref gathering);

    /// <summary>The last checkpoint completed: it and every earlier one are stored and taken by the brands.</summary>
    public long Completed => Volatile.Read(ref completed);

    /// <summary>Takes a router's gathered contributions (and empties its buffers) for the next checkpoint.</summary>
    internal void Hand(BrandUpdates updates)
    {
        lock (gate) updates.MoveTo(gathered);
    }

    /// <summary>Stores what was staged and hands the brands what was gathered; on success the checkpoint is completed.</summary>
    public async Task CheckpointAsync()
    {
        long number;
        lock (gate)
        {
            number = gathering++;
            if (!gathered.IsEmpty)
            {
                unsent.Add(gathered);
                gathered = new BrandUpdates();
            }
        }
        // States first: a brand may take a contribution only once its state is stored.
        var merged = await storage.FlushStagedAsync();
        if (merged.Count > 0) unsent.Add(ContributionsOf(merged));
        while (unsent.Count > 0)
        {
            await unsent[0].CallBrandsAsync(grains);
            unsent.RemoveAt(0);
        }
        Volatile.Write(ref completed, number);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckpointAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Redis or a brand's silo is away: everything waits for the next checkpoint, and
                    // nothing gathered since the last completed one is acknowledged meanwhile.
                    logger.LogWarning(e, "Checkpoint failed; its states and contributions are retried at the next one");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The silo stops: what is not acknowledged is delivered again to whoever reads the queue next.
        }
    }

    // The contributions of conversation states merged with another activation's, for their brands.
    private static BrandUpdates ContributionsOf(List<(string GrainKey, ConversationState State)> merged)
    {
        var updates = new BrandUpdates();
        foreach (var (grainKey, state) in merged)
        {
            var (brand, conversationId, audienceShard) = GrainKeys.Parse(grainKey);
            var update = ConversationShape.Running.Of(PackedEvents.Unpack(state.Events)).Pack(state.Version, ChannelTable.Shared);
            // The names are taken after packing, which may have numbered a new channel.
            updates.Add(new ConversationKey(brand, conversationId, audienceShard), new AddResult(update, ChannelTable.Shared.Names(), 0, 0, 0));
        }
        return updates;
    }
}
