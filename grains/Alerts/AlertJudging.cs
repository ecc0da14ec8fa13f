using System.Globalization;
using System.Reactive.Linq;
using Analytics.Models;

namespace Analytics.Alerts;

/// <summary>
/// A brand's alerts as Rx over its observations (<see cref="AlertObservation"/>: taken on the
/// brand's figure changes and clock ticks). Every rule is a chain of operators over the same
/// stream, with its state in a Scan, and nothing here reads a clock: time is the observations'
/// as-of. So the same observations give the same alerts, live (the as-of follows the wall clock)
/// or replayed (it follows event time), and a test drives the rules in virtual time by producing
/// observations on a HistoricalScheduler.
/// </summary>
public static class AlertJudging
{
    /// <summary>The alerts of <paramref name="rules"/> over <paramref name="observations"/>, in rule order for each observation.</summary>
    public static IObservable<Alert> Judge(this IObservable<AlertObservation> observations, string brand, AlertRules rules)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentNullException.ThrowIfNull(rules);
        // The chains run synchronously on the observation's OnNext, subscribed in rule order: Merge
        // hands on each observation's alerts in rule order.
        return rules.Rules.Select((rule, position) => Judge(observations, new RuleRef(brand, position, rule))).Merge();
    }

    private static IObservable<Alert> Judge(IObservable<AlertObservation> observations, RuleRef rule) => rule.Rule.Kind switch
    {
        AlertRule.SlaBreachForecast => Observable.Defer(() =>
        {
            var book = new ForecastBook(rule);
            return observations.SelectMany(book.Next);
        }),
        AlertRule.ResponseRateBelow => observations.Select(o => ResponseRate(o, rule)).Transitions(rule),
        AlertRule.BacklogGrowth => Observable.Defer(() => observations
            .Scan(new BacklogWindow(AlertObservation.Micros(rule.Rule.WindowSeconds)), (window, o) => window.Add(o.AsOf, o.Backlog))
            .Select(window => BacklogGrowth(window, rule))
            .Transitions(rule)),
        _ => throw new ArgumentException($"unknown alert rule kind '{rule.Rule.Kind}'", nameof(rule)),
    };

    // A condition rule fires when its condition begins to hold and resolves when it stops.
    private static IObservable<Alert> Transitions(this IObservable<Judgement> judgements, RuleRef rule) =>
        judgements
            .Scan((Active: false, Fired: 0, Alert: (Alert?)null), (s, j) => j.Holds is { } holds && holds != s.Active
                ? (holds, s.Fired + (holds ? 1 : 0), rule.Alert(s.Fired + (holds ? 1 : 0), holds ? AlertState.Fired : AlertState.Resolved, j.At, j.Message, j.Value))
                : (s.Active, s.Fired, null))
            .Where(s => s.Alert is not null)
            .Select(s => s.Alert!);

    private static Judgement ResponseRate(AlertObservation o, RuleRef rule)
    {
        var (opened, responded) = o.Windows[rule.Position] ?? default;
        var r = rule.Rule;
        var window = AlertText.Duration(r.WindowSeconds ?? 0);
        if (opened < (r.MinOpened ?? 0))
        {
            return new Judgement(o.AsOf, false, double.NaN, $"{opened} conversations opened in the last {window}, fewer than the {r.MinOpened} judged");
        }
        var rate = opened == 0 ? 1.0 : responded / (double)opened;
        var below = rate < r.Threshold;
        return new Judgement(o.AsOf, below, rate,
            $"response rate {AlertText.Percent(rate)} of the {opened} conversations opened in the last {window}, {(below ? "below" : "back at or above")} {AlertText.Percent(r.Threshold ?? 0)}");
    }

    private static Judgement BacklogGrowth(BacklogWindow window, RuleRef rule)
    {
        if (window.PerMinute is not { } perMinute) return new Judgement(window.At, null, double.NaN, "");
        var above = perMinute > rule.Rule.PerMinuteAbove;
        return new Judgement(window.At, above, perMinute,
            $"the backlog grew by {perMinute.ToString("0.##", CultureInfo.InvariantCulture)} customers a minute over the last {AlertText.Duration(rule.Rule.WindowSeconds ?? 0)}, {(above ? "above" : "back at or below")} {rule.Rule.PerMinuteAbove?.ToString("0.##", CultureInfo.InvariantCulture)}");
    }
}
