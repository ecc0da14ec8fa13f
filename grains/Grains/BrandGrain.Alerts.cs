using System.Reactive.Subjects;
using Analytics.Alerts;
using Analytics.Domain;
using Analytics.Hosting;
using Analytics.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Grains;

/// <summary>
/// The brand's alerts: its rules judged with Rx (<see cref="AlertJudging"/>) on observations of
/// its ledger, a bounded history, and each alert handed to the live hub's observers and to the
/// silo's webhook dispatcher. When it observes: in live mode every second of the wall clock (waits
/// grow without events) and on every change at least <see cref="AlertChangeInterval"/> after the
/// last observation (so an alert goes out with its event, not up to a tick later); in replay mode
/// when a batch moves the as-of into a later minute of event time (the clock is the events'), at
/// most once a minute of it.
/// </summary>
public sealed partial class BrandGrain
{
    private static readonly TimeSpan AlertTick = TimeSpan.FromSeconds(1);
    // An observation costs a window query and, with a forecast rule, a pass over the brand's
    // conversations' heads (a few ms for 100k): at most five a second under load.
    private static readonly TimeSpan AlertChangeInterval = TimeSpan.FromMilliseconds(200);

    private readonly AlertHistory alertHistory = new();
    private AlertRules alertRules = AlertRules.None;
    private Subject<AlertObservation>? observations;
    private IDisposable? judging;
    private IGrainTimer? alertTimer;
    private long? lastObservedMinute;
    private DateTimeOffset lastObservedAt;

    public Task<AlertRules> GetAlertRulesAsync() => Task.FromResult(alertRules);

    public async Task SetAlertRulesAsync(AlertRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        // A webhook given without its secret keeps the one held for its address (a page that
        // edits the rules never sees secrets).
        var webhooks = rules.Webhooks.Select(w => w.Secret is null && alertRules.Webhooks.FirstOrDefault(h => h.Url == w.Url) is { } held ? held : w).ToArray();
        rules = rules with { Webhooks = webhooks };
        ServiceProvider.GetService<Storage.LocalDurability>()?.Settings?.Record(Brand, rules);
        state.State.Alerts = rules;
        await WriteSettingsAsync();
        StartAlerts(rules);
    }

    public Task<Alert[]> GetAlertHistoryAsync(int limit) => Task.FromResult(alertHistory.Newest(limit));

    public Task RecordDeadLetterAsync(Alert deadLetter)
    {
        Publish(deadLetter, deliver: false);
        return Task.CompletedTask;
    }

    // (Re)starts judging: a change of rules starts every rule afresh.
    private void StartAlerts(AlertRules rules)
    {
        judging?.Dispose();
        observations?.Dispose();
        alertTimer?.Dispose();
        (judging, observations, alertTimer, lastObservedMinute) = (null, null, null, null);
        alertRules = rules;
        if (rules.Rules.Length == 0) return;
        observations = new Subject<AlertObservation>();
        judging = observations.Judge(Brand, rules).Subscribe(a => Publish(a, deliver: true));
        if (options.Value.AsOf == AsOfMode.Live)
        {
            // Kept alive: a brand with rules must notice waits growing while no event comes.
            alertTimer = this.RegisterGrainTimer(ObserveAsync, new GrainTimerCreationOptions(AlertTick, AlertTick) { KeepAlive = true });
        }
        Observe();
    }

    // After a batch changed the brand.
    private void NoteAlertChange()
    {
        if (observations is null) return;
        if (options.Value.AsOf == AsOfMode.Live)
        {
            if (clock.GetUtcNow() - lastObservedAt >= AlertChangeInterval) Observe();
        }
        else if (AsOf() is { } asOf && (lastObservedMinute is not { } last || Time.MinuteOf(asOf) > last))
        {
            Observe();
        }
    }

    private Task ObserveAsync()
    {
        Observe();
        return Task.CompletedTask;
    }

    private void Observe()
    {
        if (observations is null || AsOf() is not { } asOf) return;
        lastObservedMinute = Time.MinuteOf(asOf);
        lastObservedAt = clock.GetUtcNow();
        observations.OnNext(AlertObservation.Of(ledger, Brand, alertRules, asOf));
    }

    private void Publish(Alert alert, bool deliver)
    {
        alertHistory.Add(alert);
        // One-way calls to the live hubs (server-sent events); the sink only queues.
        if (observers is { Count: > 0 }) _ = observers.Notify(o => o.OnAlertAsync(alert));
        if (deliver && alertRules.Webhooks.Length > 0) ServiceProvider.GetService<IAlertSink>()?.Deliver(alert, alertRules.Webhooks);
    }
}
