using Analytics.Domain;
using Analytics.Hosting;
using Analytics.Models;
using Analytics.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Placement;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Analytics.Grains;

/// <summary>
/// Turns ingest batches into grain calls: one per conversation, then one per brand with all of
/// that brand's new contributions. A batch is finished (and, on a durable stream, acknowledged)
/// only after its brands took its contributions.
/// <para>A router is placed on the silo whose pulling agent first delivers its partition to it,
/// and its conversations on the router's silo (<see cref="ConversationGrain"/>): a partition's
/// conversations live where the partition is read, and only the brand calls cross silos.</para>
/// </summary>
[ImplicitStreamSubscription(Names.EventsNamespace)]
[PreferLocalPlacement]
public sealed class EventRouterGrain : Grain, IEventRouterGrain, IStreamSubscriptionObserver, IAsyncObserver<EventBatch>
{
    private readonly HashSet<string> registeredBrands = new(StringComparer.Ordinal);
    // Reused batch after batch (a router takes one batch at a time).
    private readonly Dictionary<ConversationKey, ConversationBatch> grouping = [];
    private readonly BrandUpdates updates = new();
    private AppliedCounts applied = AppliedCounts.None;
    private (GrainType Grain, GrainInterfaceType Interface)? conversationType;
    private IngestCommit? commit;
    private RedisGrainStorage? states;
    private ILocalActivationStatusChecker? local;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<EventBatch>().ResumeAsync(this);

    public async Task OnNextAsync(EventBatch batch, StreamSequenceToken? token = null)
    {
        var groups = ConversationBatch.Group(batch.Events, grouping);
        await RegisterNewBrandsAsync(groups);

        var (grain, face) = conversationType ??= ResolveConversationType();
        var ids = new GrainId[groups.Count];
        for (var i = 0; i < ids.Length; i++) ids[i] = GrainId.Create(grain, groups[i].GrainKey);
        var readAhead = await ReadAheadAsync(ids);

        AddResult[] results;
        try
        {
            var calls = new Task<AddResult>[groups.Count];
            for (var i = 0; i < groups.Count; i++)
            {
                calls[i] = ((IConversationGrain)GrainFactory.GetGrain(ids[i], face)).AddAsync([.. groups[i].Events]);
            }
            results = await Task.WhenAll(calls);
        }
        finally
        {
            if (readAhead.Count > 0) states?.ForgetPrefetched(readAhead);
        }

        long duplicates = 0, conflicting = 0;
        for (var i = 0; i < results.Length; i++)
        {
            duplicates += results[i].Duplicates;
            conflicting += results[i].ConflictingDuplicates;
            updates.Add(groups[i].Key, results[i]);
        }
        // Cluster mode: the brands take them in the silo's next commit, after the conversations' states are stored.
        if (commit is not null) await commit.CommitAsync(updates);
        else await updates.SendAsync(GrainFactory);
        applied = applied.Plus(new AppliedCounts(batch.Events.Length, duplicates, conflicting));
    }

    public Task<AppliedCounts> GetAppliedAsync() => Task.FromResult(applied);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        commit = ServiceProvider.GetService<IngestCommit>();
        if (commit is not null)
        {
            (states, local) = (ServiceProvider.GetRequiredService<RedisGrainStorage>(), ServiceProvider.GetRequiredService<ILocalActivationStatusChecker>());
            // The partition's conversations are written from this silo from now on: fenced writes
            // (RedisGrainStorage.ClaimAsync). The router's key is its partition's stream key.
            await states.ClaimAsync(int.Parse(this.GetPrimaryKeyString(), System.Globalization.CultureInfo.InvariantCulture));
        }
        await GrainFactory.GetGrain<IIngestLedgerGrain>(0).RouterActivatedAsync(this.GetPrimaryKeyString());
    }

    // The counts outlive the activation in the ledger. Zeroed before the call, so that a read
    // meanwhile counts them at most once (late rather than twice).
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var handed = applied;
        applied = AppliedCounts.None;
        // Not while the silo shuts down: the ledger may be gone already (every call failed with an
        // error in the log), and the counts are the silo's own, in memory, as the ledger's are; in
        // cluster mode whether ingest caught up is judged by the durable queue, not by them.
        if (reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            await GrainFactory.GetGrain<IIngestLedgerGrain>(0).RouterDeactivatedAsync(this.GetPrimaryKeyString(), handed);
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    // Cluster mode: the states of the batch's conversations that are not active here are read in
    // one round trip before the calls, so their activations need not each await Redis. Answers the
    // conversations read ahead.
    private async Task<List<GrainId>> ReadAheadAsync(GrainId[] conversations)
    {
        if (states is null || local is null) return [];
        var inactive = new List<GrainId>();
        foreach (var id in conversations)
        {
            if (!local.IsLocallyActivated(id)) inactive.Add(id);
        }
        await states.PrefetchAsync(inactive);
        return inactive;
    }

    // GetGrain<T>(key) derives T's interface type from its name on every call (Orleans 10 does not
    // cache it): some 5% of a silo's time when a router calls a conversation per event. Resolved
    // once here, the same way, so whichever class implements the interface is called.
    private (GrainType, GrainInterfaceType) ResolveConversationType()
    {
        var face = ServiceProvider.GetRequiredService<GrainInterfaceTypeResolver>().GetGrainInterfaceType(typeof(IConversationGrain));
        return (ServiceProvider.GetRequiredService<GrainInterfaceTypeToGrainTypeResolver>().GetGrainType(face), face);
    }

    private async Task RegisterNewBrandsAsync(List<ConversationBatch> groups)
    {
        List<string>? fresh = null;
        foreach (var g in groups)
        {
            if (registeredBrands.Contains(g.Brand) || (fresh?.Contains(g.Brand) ?? false)) continue;
            (fresh ??= []).Add(g.Brand);
        }
        if (fresh is null) return;
        await GrainFactory.GetGrain<IBrandDirectoryGrain>(0).RegisterAsync([.. fresh]);
        registeredBrands.UnionWith(fresh);
    }
}
