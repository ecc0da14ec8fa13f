using Analytics.Models;

namespace Analytics.Alerts;

/// <summary>
/// An slaBreachForecast rule's memory: which waiting customers its alerts named and which alerts
/// are still open. At most one alert a minute (of the brand's clock) names the customers whose
/// wait passes the SLA within the rule's time and who were not named for that wait before; an
/// alert resolves once none of its customers is waiting any more (answered in time, or past the
/// SLA), saying how many were answered in time.
/// </summary>
internal sealed class ForecastBook(RuleRef rule)
{
    private readonly long within = AlertObservation.Micros(rule.Rule.WithinSeconds);
    // Customer -> start of the wait an open alert named.
    private readonly Dictionary<string, long> named = new(StringComparer.Ordinal);
    private readonly List<OpenForecast> open = [];
    private long? lastMinute;
    private int fired;

    /// <summary>The alerts an observation makes: resolutions first, then at most one new forecast.</summary>
    public IEnumerable<Alert> Next(AlertObservation o)
    {
        var alerts = new List<Alert>();
        var sla = o.Settings.Sla;
        var waiting = new Dictionary<string, long>(o.Waiting.Count, StringComparer.Ordinal);
        foreach (var (id, since) in o.Waiting) waiting[id] = since;

        foreach (var forecast in open.ToArray())
        {
            foreach (var (id, since) in forecast.Waiting.ToArray())
            {
                if (waiting.TryGetValue(id, out var now) && now == since) continue;
                forecast.Waiting.Remove(id);
                named.Remove(id);
                if (o.AsOf - since > sla) forecast.Breached++;
                else forecast.Answered++;
            }
            if (forecast.Waiting.Count > 0) continue;
            open.Remove(forecast);
            alerts.Add(rule.Alert(forecast.Number, AlertState.Resolved, o.AsOf,
                $"none of the {forecast.Answered + forecast.Breached} customers is waiting any more: {forecast.Answered} answered within the SLA, {forecast.Breached} waited past it",
                forecast.Answered));
        }

        var minute = Time.MinuteOf(o.AsOf);
        if (lastMinute is { } last && minute <= last) return alerts;
        var due = o.Waiting
            .Where(c => c.Since + sla - o.AsOf <= within && !(named.TryGetValue(c.ConversationId, out var s) && s == c.Since))
            .OrderBy(c => c.Since).ThenBy(c => c.ConversationId, StringComparer.Ordinal)
            .ToList();
        if (due.Count == 0) return alerts;
        lastMinute = minute;
        fired++;
        open.Add(new OpenForecast(fired, due.ToDictionary(c => c.ConversationId, c => c.Since, StringComparer.Ordinal)));
        foreach (var (id, since) in due) named[id] = since;
        var customers = due.Take(Alert.MaxCustomers)
            .Select(c => new AlertCustomer(c.ConversationId, c.Since, Time.ToSeconds(c.Since + sla - o.AsOf)))
            .ToArray();
        alerts.Add(rule.Alert(fired, AlertState.Fired, o.AsOf,
            $"{due.Count} customer{(due.Count == 1 ? "" : "s")} will have waited longer than the SLA ({AlertText.Duration(sla)}) within {AlertText.Duration(within)}; the first in {AlertText.Duration(customers[0].SecondsLeft)}",
            due.Count, customers));
        return alerts;
    }

    private sealed class OpenForecast(int number, Dictionary<string, long> waiting)
    {
        public int Number { get; } = number;

        public Dictionary<string, long> Waiting { get; } = waiting;

        public int Answered { get; set; }

        public int Breached { get; set; }
    }
}
