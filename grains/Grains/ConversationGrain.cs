using Analytics.Domain;
using Analytics.Domain.Packing;
using Analytics.Hosting;
using Analytics.Models;
using Analytics.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Storage;

namespace Analytics.Grains;

/// <summary>
/// Owns one conversation's event set. Its summary is a pure function of that set
/// (<see cref="ConversationShape"/>), so the contribution it reports is the same whatever order
/// or batching the events came in.
/// Conversations are the engine's most numerous grains and most of them live briefly, so their
/// activation is kept lean: state is read from the storage provider directly rather than through
/// a persistent-state facet (which adds lifecycle and migration participants to every
/// activation), and a conversation is placed on the silo of the router that first calls it.
/// </summary>
[PreferLocalPlacement]
[GrainType(Names.ConversationGrainType)]
public sealed class ConversationGrain(IOptions<AnalyticsOptions> options, ActiveConversations active) : Grain, IConversationGrain
{
    private readonly GrainState<ConversationState> state = new(new ConversationState());
    private IGrainStorage? storage;
    private bool unsaved;
    // Cluster mode: set when a state this activation staged was merged with another activation's.
    private StaleFlag? stale;
    // Cluster mode: the partition's claim this activation read its state under (RedisGrainStorage.FenceOf).
    private Fence fence;
    private bool counted;

    // Set from the second call of an activation on: the conversation is busy (a live exchange), so
    // it keeps its events packed and appendable with its shape's fold: its next messages are
    // appended and folded in, not all its events read again.
    private PackedEventSet? busy;
    private bool calledBefore;

    // Parsed when asked for (a drill-down): the conversation holds no strings of its own.
    private (string Brand, string ConversationId, int AudienceShard) Key => GrainKeys.Parse(this.GetPrimaryKeyString());

    // A storage provider may hand back no state for a new grain.
    private ConversationState State => state.State ??= new ConversationState();

    private IGrainStorage Storage => storage ??= ServiceProvider.GetRequiredKeyedService<IGrainStorage>(Names.ConversationStore);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Storage is RedisGrainStorage redis) fence = redis.FenceOf(this.GetGrainId());
        await Storage.ReadStateAsync(Names.ConversationState, this.GetGrainId(), state);
        active.Activated();
        counted = true;
    }

    public Task<AddResult> AddAsync(ConversationEvent[] batch)
    {
        if (options.Value.ConversationCollectionAge == TimeSpan.Zero || active.Count > options.Value.MaxActiveConversations) DeactivateOnIdle();
        var events = busy ?? new PackedEventSet(State.Events);
        if (calledBefore) busy = events;
        calledBefore = true;
        var (counts, current) = Take(events, batch);
        if (counts.Changed)
        {
            State.Version++;
            // Cluster mode: staged, and stored by the commit its router's batch awaits before it
            // completes (IngestCommit), so a crash loses nothing. Embedded mode's storage only has
            // to outlive the activation: written when it deactivates.
            if (Storage is RedisGrainStorage redis)
            {
                State.Events = Packed;
                redis.Stage(this.GetGrainId(), state, stale ??= new StaleFlag(), fence);
            }
            else
            {
                unsaved = true;
            }
        }
        // Another activation's state was merged with one this one staged: the next call reads the merged state.
        if (stale is { IsSet: true }) DeactivateOnIdle();
        // The current contribution goes back even when nothing changed: a batch delivered again
        // after a crash then heals a brand that lost it, and the brand ignores versions it holds.
        var update = current?.Pack(State.Version, ChannelTable.Shared);
        // Taken after packing: the packing may have numbered a new channel.
        return Task.FromResult(new AddResult(update, ChannelTable.Shared.Names(), counts.Added, counts.Duplicates, counts.ConflictingDuplicates));
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (counted) active.Deactivated();
        counted = false;
        if (unsaved && reason.ReasonCode != DeactivationReasonCode.ShuttingDown) await SaveAsync();
    }

    public async Task<ConversationView> GetViewAsync()
    {
        var k = Key;
        var clock = await GrainFactory.GetGrain<IBrandGrain>(k.Brand).GetClockAsync();
        var events = PackedEvents.Unpack(Packed);
        var shape = ConversationShape.Of(events);
        ConversationSummary? summary = null;
        if (shape.Cohort is { } cohort && clock.AsOf is { } asOf)
        {
            var (status, risk) = new RiskModel(clock.Settings).Judge(cohort, asOf);
            summary = new ConversationSummary(k.ConversationId, cohort.Channel, cohort.T0, cohort.Frt, shape.WaitingSince, status, risk.ToDouble());
        }
        // An activation that took no events (a drill-down; in cluster mode perhaps on another silo
        // than the writer's, which no directory forwards to) leaves at once: the next drill-down
        // reads the stored state afresh.
        if (!calledBefore) DeactivateOnIdle();
        return new ConversationView(k.Brand, k.ConversationId, [.. events], summary, clock.AsOf);
    }

    private async Task SaveAsync()
    {
        State.Events = Packed;
        await Storage.WriteStateAsync(Names.ConversationState, this.GetGrainId(), state);
        unsaved = false;
    }

    // The events stay packed while the grain is active: most open conversations wait minutes or
    // hours between calls, and packed they cost about 120 bytes instead of some 500 of records and
    // strings. A busy one appends to them (its stored state is then written from those).
    private byte[] Packed => busy?.ToArray() ?? State.Events;

    // A conversation's next messages, after all it holds and with new ids, are appended to its
    // packed events and folded into its shape (no event object per held event). Anything else (a
    // duplicate, a late or conflicting copy) goes through EventSet's rules over all its events.
    private (AddCounts Counts, ConversationShape.Running? Shape) Take(PackedEventSet events, ConversationEvent[] batch)
    {
        var ordered = InOrder(batch);
        if (events.TryAppend(ordered))
        {
            if (busy is null) State.Events = events.ToArray();
            return (new AddCounts(ordered.Length, 0, 0, Changed: true), events.Shape);
        }
        var set = new EventSet(PackedEvents.Unpack(Packed));
        var counts = AddCounts.AddAll(set, batch);
        if (counts.Changed)
        {
            State.Events = PackedEvents.Pack(set.Ordered);
            if (busy is not null) busy = new PackedEventSet(State.Events);
        }
        return (counts, set.Count == 0 ? null : busy?.Shape ?? ConversationShape.Running.Of(set.Ordered));
    }

    private static ConversationEvent[] InOrder(ConversationEvent[] batch)
    {
        for (var i = 1; i < batch.Length; i++)
        {
            if (EventOrder.Instance.Compare(batch[i - 1], batch[i]) < 0) continue;
            var sorted = (ConversationEvent[])batch.Clone();
            Array.Sort(sorted, EventOrder.Instance);
            return sorted;
        }
        return batch;
    }
}
