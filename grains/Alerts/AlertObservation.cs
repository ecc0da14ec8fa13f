using Analytics.Domain;
using Analytics.Models;

namespace Analytics.Alerts;

/// <summary>
/// What a brand's alert rules are judged on at one instant of its clock: a pure function of its
/// ledger and the as-of, so the same history judged at the same as-ofs gives the same alerts.
/// </summary>
/// <param name="AsOf">The brand's as-of (UTC microseconds).</param>
/// <param name="Settings">The brand's settings (the SLA a forecast is about).</param>
/// <param name="Backlog">Customers waiting at the as-of.</param>
/// <param name="Windows">Per rule position, a responseRateBelow rule's window counts; null for other rules.</param>
/// <param name="Waiting">Customers whose wait passes the SLA within the longest forecast of the rules (or is just at it), with the wait's start.</param>
public sealed record AlertObservation(
    long AsOf,
    BrandSettings Settings,
    long Backlog,
    WindowCounts?[] Windows,
    IReadOnlyList<(string ConversationId, long Since)> Waiting)
{
    /// <summary>Observes <paramref name="ledger"/> at <paramref name="asOf"/> for <paramref name="rules"/>.</summary>
    public static AlertObservation Of(BrandLedger ledger, string brand, AlertRules rules, long asOf)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(rules);
        var windows = new WindowCounts?[rules.Rules.Length];
        long? within = null;
        for (var i = 0; i < rules.Rules.Length; i++)
        {
            var rule = rules.Rules[i];
            if (rule.Kind == AlertRule.ResponseRateBelow) windows[i] = CountsOf(ledger, brand, Micros(rule.WindowSeconds), asOf);
            if (rule.Kind == AlertRule.SlaBreachForecast) within = Math.Max(within ?? 0, Micros(rule.WithinSeconds));
        }
        var sla = ledger.Settings.Sla;
        // A wait that started at asOf - S has reached the SLA but not passed it (FRT <= S is within).
        var waiting = within is { } w ? ledger.WaitingBetween(asOf - sla, asOf - sla + w) : [];
        return new AlertObservation(asOf, ledger.Settings, ledger.Backlog(asOf), windows, waiting);
    }

    /// <summary>Seconds as microseconds.</summary>
    public static long Micros(double? seconds) => (long)((seconds ?? 0) * Time.MicrosPerSecond);

    // The conversations opened in the whole minutes from the window's start up to and including the
    // as-of's own minute (panes are per minute).
    private static WindowCounts CountsOf(BrandLedger ledger, string brand, long window, long asOf)
    {
        var from = Time.MinuteOf(asOf - window) * Time.MicrosPerMinute;
        var to = (Time.MinuteOf(asOf) + 1) * Time.MicrosPerMinute;
        var total = ledger.Query(brand, new MetricsQuery(from, to), asOf).Total;
        return new WindowCounts(total.Opened, total.Responded);
    }
}

/// <summary>Conversations opened in a rule's window and, of them, responded at the as-of.</summary>
public readonly record struct WindowCounts(long Opened, long Responded);
