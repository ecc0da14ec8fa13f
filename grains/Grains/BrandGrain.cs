using Analytics.Domain;
using Analytics.Hosting;
using Analytics.Models;
using Analytics.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Grains;

/// <summary>
/// One brand: a <see cref="BrandLedger"/> of its conversations' contributions.
/// <para>Embedded mode (memory storage): the whole state is written once, on deactivation, because
/// it only has to outlive the activation.</para>
/// <para>Cluster mode: the contributions a batch changes are written to the incremental
/// <see cref="IContributionStore"/> before <see cref="ApplyAsync"/> returns, so the router's batch,
/// acknowledged on the queue only after every brand returned, never has an effect that a crash
/// could lose; and a write costs the changed contributions, not the whole brand. The ledger takes a
/// batch only after the write succeeded: had it taken it first, a failed write followed by the
/// redelivered batch would find nothing newer and never store it. Settings stay in grain state.</para>
/// </summary>
public sealed class BrandGrain(
    [PersistentState("brand", Names.BrandStore)] IPersistentState<BrandState> state,
    IOptions<AnalyticsOptions> options,
    TimeProvider clock)
    : Grain, IBrandGrain
{
    private BrandLedger ledger = new(BrandSettings.Default);
    private IContributionStore? store;
    private bool dirty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ledger = new BrandLedger(state.State.Settings ?? BrandSettings.Default);
        store = ServiceProvider.GetService<IContributionStore>();
        var held = store is null ? state.State.Contributions : await store.LoadAsync(Brand);
        foreach (var c in held) ledger.Apply(c);
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
        dirty |= changed > 0;
        return changed;
    }

    public Task<BrandMetrics> GetMetricsAsync(MetricsQuery query) =>
        Task.FromResult(ledger.Query(Brand, query, AsOf() ?? 0));

    public Task<ConversationSummary[]> GetConversationsAsync(ConversationFilter filter, int limit) =>
        Task.FromResult(AsOf() is { } asOf ? ledger.List(filter, limit, asOf).ToArray() : []);

    public Task<BrandClock> GetClockAsync() => Task.FromResult(new BrandClock(AsOf(), ledger.Settings));

    public Task<BrandSettings> GetSettingsAsync() => Task.FromResult(ledger.Settings);

    public async Task SetSettingsAsync(BrandSettings settings)
    {
        ledger.ChangeSettings(settings);
        state.State.Settings = settings;
        if (store is null) state.State.Contributions = [.. ledger.Contributions];
        await state.WriteStateAsync();
    }

    private string Brand => this.GetPrimaryKeyString();

    /// <summary>The as-of A of METRICS-SPEC section 3; null before the brand's first event.</summary>
    private long? AsOf()
    {
        if (ledger.MaxTimestamp is not { } latest) return null;
        if (options.Value.AsOf == AsOfMode.Replay) return latest;
        var live = Time.FromDateTimeOffset(clock.GetUtcNow() - options.Value.AllowedLateness);
        return Math.Max(latest, live);
    }

    private async Task WriteSnapshotAsync(CancellationToken cancellationToken)
    {
        state.State.Contributions = [.. ledger.Contributions];
        await state.WriteStateAsync(cancellationToken);
        dirty = false;
    }
}
