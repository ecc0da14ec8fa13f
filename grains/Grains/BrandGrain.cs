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
/// <para>Cluster mode: the brand stores no contributions. Each conversation has stored its state
/// before it answered the router, so every contribution a brand takes is already durable; a brand
/// that activates computes its ledger from its conversations' states (<see cref="IStoredContributions"/>).
/// Settings and alert rules stay in grain state.</para>
/// </summary>
public sealed partial class BrandGrain(
    [PersistentState("brand", Names.BrandStore)] IPersistentState<BrandState> state,
    IOptions<AnalyticsOptions> options,
    TimeProvider clock,
    ILogger<BrandGrain> logger)
    : Grain, IBrandGrain
{
    private BrandLedger ledger = new(BrandSettings.Default);
    private IStoredContributions? stored;
    private bool dirty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ledger = new BrandLedger(state.State.Settings ?? BrandSettings.Default);
        stored = options.Value.Mode == EngineMode.Cluster ? ServiceProvider.GetRequiredService<IStoredContributions>() : null;
        var held = stored is null ? state.State.Contributions : await stored.LoadAsync(Brand);
        foreach (var c in held) ledger.Apply(c);
        StartLive();
        StartAlerts(state.State.Alerts ?? AlertRules.None);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        // In-memory storage dies with the silo: writing to it while the silo shuts down is pointless (and fails).
        stored is not null || !dirty || reason.ReasonCode == DeactivationReasonCode.ShuttingDown
            ? Task.CompletedTask
            : WriteSnapshotAsync(cancellationToken);

    public Task<int> ApplyAsync(Contribution[] contributions)
    {
        var changed = 0;
        foreach (var c in contributions)
        {
            if (ledger.Apply(c)) changed++;
        }
        return Task.FromResult(Changed(changed));
    }

    public Task<int> ApplyPackedAsync(PackedContributions batch) => Task.FromResult(Changed(ledger.Apply(batch)));

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
        if (stored is null) state.State.Contributions = [.. ledger.Contributions];
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
