using Analytics.Domain;
using Analytics.Hosting;
using Analytics.Models;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Analytics.Grains;

/// <summary>
/// Turns ingest batches into grain calls: one per conversation, then one per brand with all of
/// that brand's new contributions. A batch is finished (and, on a durable stream, acknowledged)
/// only after its brands took its contributions.
/// </summary>
[ImplicitStreamSubscription(Names.EventsNamespace)]
public sealed class EventRouterGrain : Grain, IEventRouterGrain, IStreamSubscriptionObserver, IAsyncObserver<EventBatch>
{
    private readonly HashSet<string> registeredBrands = new(StringComparer.Ordinal);
    private AppliedCounts applied = AppliedCounts.None;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<EventBatch>().ResumeAsync(this);

    public async Task OnNextAsync(EventBatch batch, StreamSequenceToken? token = null)
    {
        var groups = ConversationBatch.Group(batch.Events);
        await RegisterNewBrandsAsync(groups);

        var calls = new Task<AddResult>[groups.Count];
        for (var i = 0; i < groups.Count; i++)
        {
            calls[i] = GrainFactory.GetGrain<IConversationGrain>(groups[i].GrainKey).AddAsync([.. groups[i].Events]);
        }
        var results = await Task.WhenAll(calls);

        var byBrand = new Dictionary<string, List<Contribution>>(StringComparer.Ordinal);
        long duplicates = 0, conflicting = 0;
        for (var i = 0; i < results.Length; i++)
        {
            duplicates += results[i].Duplicates;
            conflicting += results[i].ConflictingDuplicates;
            if (results[i].Update is not { } update) continue;
            if (!byBrand.TryGetValue(groups[i].Brand, out var list)) byBrand[groups[i].Brand] = list = [];
            list.Add(update);
        }
        await Task.WhenAll(byBrand.Select(b => GrainFactory.GetGrain<IBrandGrain>(b.Key).ApplyAsync([.. b.Value])));
        applied = applied.Plus(new AppliedCounts(batch.Events.Length, duplicates, conflicting));
    }

    public Task<AppliedCounts> GetAppliedAsync() => Task.FromResult(applied);

    // The counts outlive the activation in the ledger. Zeroed before the call, so that a read
    // meanwhile counts them at most once (late rather than twice).
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        var handed = applied;
        applied = AppliedCounts.None;
        // Not while the silo shuts down: the ledger may be gone already (every call failed with an
        // error in the log), and the counts are the silo's own, in memory, as the ledger's are; in
        // cluster mode whether ingest caught up is judged by the durable queue, not by them.
        if (handed.Events > 0 && reason.ReasonCode != DeactivationReasonCode.ShuttingDown)
        {
            await GrainFactory.GetGrain<IIngestLedgerGrain>(0).RecordAppliedAsync(handed.Events, handed.Duplicates, handed.ConflictingDuplicates);
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

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
