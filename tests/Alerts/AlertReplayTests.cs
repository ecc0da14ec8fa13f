using System.Text.Json;
using Analytics.Client.Infrastructure;
using Analytics.Models;
using Analytics.Tests.Reference;
using Analytics.Tests.Cluster;
using Analytics.Tests.Import;

namespace Analytics.Tests.Alerts;

/// <summary>A replayed history judged on event time: the same file imported twice fires the same alerts at the same event times.</summary>
[Collection(ImportCollection.Name)]
public class AlertReplayTests(ImportFixture fixture)
{
    private static readonly AlertRules Rules = new(
        [
            new AlertRule(AlertRule.SlaBreachForecast, WithinSeconds: 1800),
            new AlertRule(AlertRule.ResponseRateBelow, Threshold: 0.9, WindowSeconds: 7200, MinOpened: 3),
            new AlertRule(AlertRule.BacklogGrowth, PerMinuteAbove: 0.001, WindowSeconds: 7200),
        ],
        []);

    [Fact]
    public async Task Import_TheSameHistoryTwice_FiresTheSameAlertsAtTheSameEventTimes()
    {
        var lines = EventGenerator.Generate(31, new GeneratorOptions(Brands: 2, Conversations: 400));

        // The same brand names in both runs (a brand's name is in each event's digest, which decides
        // between conflicting copies), so each run has a silo of its own; no other test uses them.
        var scoped = Scoped.New().Lines(lines).ToList();

        var first = await ReplayAsync(fixture.ImportSilo, scoped);
        var second = await ReplayAsync(fixture.GrainSilo, scoped);

        Assert.Equal(first, second);
        Assert.Contains(first.Values, alerts => alerts.Any(a => a.StartsWith($"{AlertRule.SlaBreachForecast} Fired", StringComparison.Ordinal)));
        Assert.Contains(first.Values, alerts => alerts.Any(a => a.StartsWith($"{AlertRule.ResponseRateBelow} Fired", StringComparison.Ordinal)));
    }

    // Each brand's alert history, oldest first.
    private static async Task<Dictionary<string, string[]>> ReplayAsync(EmbeddedSilo silo, IReadOnlyList<string> lines)
    {
        var brands = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("brand").GetString()!).Distinct().ToList();
        foreach (var b in brands) await silo.Grains.GetGrain<IBrandGrain>(b).SetAlertRulesAsync(Rules);

        await ImportFixture.ImportAsync(silo, lines, chunkBytes: 2_000, workers: 2);

        var histories = new Dictionary<string, string[]>();
        foreach (var b in brands)
        {
            var history = await silo.Grains.GetGrain<IBrandGrain>(b).GetAlertHistoryAsync(1000);
            histories[b] = [.. history.Reverse().Select(a =>
                $"{a.Kind} {a.State} {a.Id} {Time.ToIso(a.At)} {a.Value} {string.Join(',', a.Customers.Select(c => $"{c.ConversationId}:{c.SecondsLeft}"))} {a.Message}")];
        }
        return histories;
    }
}
