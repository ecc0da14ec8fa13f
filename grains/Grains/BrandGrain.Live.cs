using Analytics.Domain;
using Analytics.Hosting;
using Analytics.Models;
using Orleans.Utilities;

namespace Analytics.Grains;

/// <summary>
/// The brand's live side: observers (one per silo's live hub, never one per web page), the
/// push pacing, the sampled backlog history and the charts' series. Kept apart from the state
/// handling in BrandGrain.cs so that each can change without the other.
/// </summary>
public sealed partial class BrandGrain
{
    // A minute of backlog history is the last sample taken in it: four samples a minute keep it
    // within 15 s of the minute's end at the cost of one cheap timer tick per brand.
    private static readonly TimeSpan BacklogSampleInterval = TimeSpan.FromSeconds(15);

    private readonly BacklogHistory backlogHistory = new();
    private ObserverManager<IBrandObserver>? observers;
    private PushPacer? pacer;
    private IGrainTimer? pushTimer;
    private DateTimeOffset? pushDue;

    public Task SubscribeAsync(IBrandObserver observer)
    {
        observers ??= new ObserverManager<IBrandObserver>(BrandObservers.Expiry, logger);
        var renewal = observers.Observers.ContainsKey(observer);
        observers.Subscribe(observer, observer);
        // A new observer needs the current figures soon, not at the next change; a renewal does not.
        if (!renewal) pacer?.Changed();
        SchedulePush();
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(IBrandObserver observer)
    {
        observers?.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task<BrandSeries> GetSeriesAsync(SeriesQuery query)
    {
        var asOf = AsOf();
        var buckets = ledger.Series(query, asOf ?? 0);
        var backlog = backlogHistory.Buckets(Time.MinuteOf(query.From), Time.MinuteOf(query.To), query.StepMinutes);
        return Task.FromResult(new BrandSeries(this.GetPrimaryKeyString(), asOf, query, buckets, backlog));
    }

    private void StartLive()
    {
        pacer = new PushPacer(BrandObservers.MinInterval, periodic: options.Value.AsOf == AsOfMode.Live);
        this.RegisterGrainTimer(SampleBacklog, new GrainTimerCreationOptions(TimeSpan.Zero, BacklogSampleInterval));
    }

    private Task SampleBacklog()
    {
        if (AsOf() is { } asOf) backlogHistory.Record(Time.MinuteOf(asOf), ledger.Backlog(asOf));
        return Task.CompletedTask;
    }

    private void NoteChange()
    {
        if (observers is not { Count: > 0 }) return;
        pacer?.Changed();
        SchedulePush();
    }

    // One timer, re-armed for the earliest due push: ApplyAsync never computes figures itself,
    // so a router's call returns at once and a burst of batches costs one push.
    private void SchedulePush()
    {
        if (pacer is null || observers is not { Count: > 0 }) return;
        var now = clock.GetUtcNow();
        if (pacer.DueIn(now) is not { } wait) return;
        if (pushDue is { } due && due <= now + wait) return;
        pushDue = now + wait;
        pushTimer ??= this.RegisterGrainTimer(PushAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        pushTimer.Change(wait, Timeout.InfiniteTimeSpan);
    }

    private async Task PushAsync()
    {
        pushDue = null;
        if (observers is null || pacer is null) return;
        observers.ClearExpired();
        if (observers.Count == 0 || AsOf() is null) return;
        var metrics = Metrics(MetricsQuery.All);
        // The push computed the backlog anyway: a free sample, and the only one a replay (whose
        // as-of jumps with the events, between timer ticks) would otherwise get.
        if (metrics.AsOf is { } asOf) backlogHistory.Record(Time.MinuteOf(asOf), metrics.Total.Backlog);
        // One-way calls: this completes without waiting for the observers; one that throws at once is dropped.
        await observers.Notify(o => o.OnBrandChangedAsync(metrics));
        pacer.Pushed(clock.GetUtcNow());
        SchedulePush();
    }
}
