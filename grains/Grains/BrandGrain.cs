using Analytics.Domain;
using Analytics.Hosting;
using Analytics.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Analytics.Grains;

/// <summary>
/// One brand: a <see cref="BrandLedger"/> of its conversations' contributions. State is written
/// behind on a timer and on deactivation, because a brand changes many times a second under
/// load and its figures can always be rebuilt from the conversations' contributions.
/// </summary>
public sealed class BrandGrain(
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
        if (options.Value.NoOpGrains) return Task.FromResult(0);
        var changed = 0;
        foreach (var c in contributions)
        {
            if (ledger.Apply(c)) changed++;
        }
        dirty |= changed > 0;
        return Task.FromResult(changed);
    }

    public Task<BrandMetrics> GetMetricsAsync(MetricsQuery query) =>
        Task.FromResult(ledger.Query(this.GetPrimaryKeyString(), query, AsOf() ?? 0));

    public Task<ConversationSummary[]> GetConversationsAsync(ConversationFilter filter, int limit) =>
        Task.FromResult(AsOf() is { } asOf ? ledger.List(filter, limit, asOf).ToArray() : []);

    public Task<BrandClock> GetClockAsync() => Task.FromResult(new BrandClock(AsOf(), ledger.Settings));

    public Task<BrandSettings> GetSettingsAsync() => Task.FromResult(ledger.Settings);

    public async Task SetSettingsAsync(BrandSettings settings)
    {
        ledger.ChangeSettings(settings);
        state.State.Settings = settings;
        dirty = true;
        await PersistAsync(CancellationToken.None);
    }

    /// <summary>The as-of A of METRICS-SPEC section 3; null before the brand's first event.</summary>
    private long? AsOf()
    {
        if (ledger.MaxTimestamp is not { } latest) return null;
        if (options.Value.AsOf == AsOfMode.Replay) return latest;
        var live = Time.FromDateTimeOffset(clock.GetUtcNow() - options.Value.AllowedLateness);
        return Math.Max(latest, live);
    }

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
