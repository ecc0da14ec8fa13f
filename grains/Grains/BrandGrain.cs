using Analytics.Domain;
using Analytics.Hosting;
using Analytics.Models;
using Analytics.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Grains;

/// <summary>
/// One brand: a <see cref="BrandLedger"/> of its conversations' contributions. Live push and the
/// dashboard's series live in BrandGrain.Live.cs.
/// <para>Embedded mode (memory storage): the whole state is written once, on deactivation, because
/// it only has to outlive the activation.</para>
/// <para>Cluster mode: the contributions a batch changes are written to the incremental
/// <see cref="IContributionStore"/> before <see cref="ApplyAsync"/> returns, so the router's batch,
/// acknowledged on the queue only after every brand returned, never has an effect that a crash
/// could lose; and a write costs the changed contributions, not the whole brand. The ledger takes a
/// batch only after the write succeeded: had it taken it first, a failed write followed by the
/// redelivered batch would find nothing newer and never store it. Settings stay in grain state.</para>
/// </summary>
public sealed partial class BrandGrain(
    [PersistentState("brand", Names.BrandStore)] IPersistentState<BrandState> state,
    IOptions<AnalyticsOptions> options,
    TimeProvider clock,
    ILogger<BrandGrain> logger)
    : Grain, IBrandGrain
{
    private BrandLedger ledger = new(BrandSettings.Default);
    private IContributionStore? store;
    private bool dirty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ledger = new BrandLedger(state.State.Settings ?? BrandSettings.Default);
        store = options.Value.Mode == EngineMode.Cluster ? ServiceProvider.GetRequiredService<IContributionStore>() : null;
        var held = store is null ? state.State.Contributions : await store.LoadAsync(Brand);
        foreach (var c in held) ledger.Apply(c);
        StartLive();
        StartAlerts(state.State.Alerts ?? AlertRules.None);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        // In-memory storage dies with the silo: writing to it while the silo shuts down is pointless (and fails).
        store is not null || !dirty || reason.ReasonCode == DeactivationReasonCode.ShuttingDown
            ? Task.CompletedTask
            : WriteSnapshotAsync(cancellationToken);

    public async Task<int> ApplyAsync(Contribution[] contributions)
    {
        if (store is not null)
        {
            var newer = contributions.Where(ledger.IsNewer).ToList();
            await store.SaveAsync(Brand, newer);
        }
        var changed = 0;
        foreach (var c in contributions)
        {
            if (ledger.Apply(c)) changed++;
        }
        return Changed(changed);
    }

    public async Task<int> ApplyPackedAsync(PackedContributions batch)
    {
        // Cluster mode stores each contribution it takes: the objects are needed anyway.
        if (store is not null) return await ApplyAsync([.. BrandLedger.Unpack(batch)]);
        return Changed(ledger.Apply(batch));
    }

    private int Changed(int changed)
    {
        dirty |= changed > 0;
        if (changed > 0)
        {
            NoteChange();
            NoteAlertChange();
        }
        return changed;
    }

    public Task<BrandMetrics> GetMetricsAsync(MetricsQuery query) => Task.FromResult(Metrics(query));

    public Task<ConversationSummary[]> GetConversationsAsync(ConversationFilter filter, int limit) =>
        Task.FromResult(AsOf() is { } asOf ? ledger.List(filter, limit, asOf).ToArray() : []);

    public Task<BrandClock> GetClockAsync() => Task.FromResult(new BrandClock(AsOf(), ledger.Settings));

    public Task<BrandSettings> GetSettingsAsync() => Task.FromResult(ledger.Settings);

    public async Task SetSettingsAsync(BrandSettings settings)
    {
        // Embedded mode keeps settings in its data directory, written before the change is answered.
        ServiceProvider.GetService<Storage.LocalDurability>()?.Settings?.Record(Brand, settings);
        ledger.ChangeSettings(settings);
        state.State.Settings = settings;
        NoteChange();
        await WriteSettingsAsync();
    }

    // Settings and alert rules are grain state (Redis in cluster mode). Embedded mode's in-memory
    // state holds the contributions too, so they are written with them.
    private async Task WriteSettingsAsync()
    {
        if (store is null) state.State.Contributions = [.. ledger.Contributions];
        await state.WriteStateAsync();
    }

    private string Brand => this.GetPrimaryKeyString();

    private BrandMetrics Metrics(MetricsQuery query) => ledger.Query(Brand, query, AsOf() ?? 0);

    private long? AsOf() => Domain.AsOf.Of(ledger.MaxTimestamp, options.Value.AsOf, clock.GetUtcNow(), options.Value.AllowedLateness);

    private async Task WriteSnapshotAsync(CancellationToken cancellationToken)
    {
        state.State.Contributions = [.. ledger.Contributions];
        await state.WriteStateAsync(cancellationToken);
        dirty = false;
    }
}
