using Analytics.Domain;
using Analytics.Hosting;
using Analytics.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Grains;

/// <summary>
/// One brand: a <see cref="BrandLedger"/> of its conversations' contributions. State is written
/// behind on a timer and on deactivation, because a brand changes many times a second under
/// load and its figures can always be rebuilt from the conversations' contributions. Live push
/// and the dashboard's series live in BrandGrain.Live.cs.
/// </summary>
public sealed partial class BrandGrain(
    [PersistentState("brand", Names.BrandStore)] IPersistentState<BrandState> state,
    IOptions<AnalyticsOptions> options,
    TimeProvider clock,
    ILogger<BrandGrain> logger)
    : Grain, IBrandGrain
{
    private BrandLedger ledger = new(BrandSettings.Default);
    private bool dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ledger = new BrandLedger(state.State.Settings ?? BrandSettings.Default);
        foreach (var c in state.State.Contributions) ledger.Apply(c);
        StartLive();
        // In-memory storage only has to outlive the activation; durable storage is written behind on a timer.
        if (options.Value.DurableStorage)
        {
            var every = options.Value.BrandPersistInterval;
            this.RegisterGrainTimer(ct => PersistAsync(ct), new GrainTimerCreationOptions(every, every));
        }
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        // In-memory storage dies with the silo: writing to it while the silo shuts down is pointless (and fails).
        reason.ReasonCode == DeactivationReasonCode.ShuttingDown && !options.Value.DurableStorage
            ? Task.CompletedTask
            : PersistAsync(cancellationToken);

    public Task<int> ApplyAsync(Contribution[] contributions)
    {
        var changed = 0;
        foreach (var c in contributions)
        {
            if (ledger.Apply(c)) changed++;
        }
        dirty |= changed > 0;
        if (changed > 0) NoteChange();
        return Task.FromResult(changed);
    }

    public Task<BrandMetrics> GetMetricsAsync(MetricsQuery query) => Task.FromResult(Metrics(query));

    public Task<ConversationSummary[]> GetConversationsAsync(ConversationFilter filter, int limit) =>
        Task.FromResult(AsOf() is { } asOf ? ledger.List(filter, limit, asOf).ToArray() : []);

    public Task<BrandClock> GetClockAsync() => Task.FromResult(new BrandClock(AsOf(), ledger.Settings));

    public Task<BrandSettings> GetSettingsAsync() => Task.FromResult(ledger.Settings);

    public async Task SetSettingsAsync(BrandSettings settings)
    {
        ledger.ChangeSettings(settings);
        state.State.Settings = settings;
        dirty = true;
        NoteChange();
        await PersistAsync(CancellationToken.None);
    }

    private BrandMetrics Metrics(MetricsQuery query) => ledger.Query(this.GetPrimaryKeyString(), query, AsOf() ?? 0);

    private long? AsOf() => Domain.AsOf.Of(ledger.MaxTimestamp, options.Value.AsOf, clock.GetUtcNow(), options.Value.AllowedLateness);

    private async Task PersistAsync(CancellationToken cancellationToken)
    {
        if (!dirty) return;
        dirty = false;
        state.State.Contributions = [.. ledger.Contributions];
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            dirty = true;
            logger.LogWarning(e, "Brand {Brand} could not write its state; it will retry", this.GetPrimaryKeyString());
        }
    }
}
