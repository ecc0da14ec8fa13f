using System.Text.Json.Nodes;

namespace Analytics.Tests.Reference;

/// <summary>A brand's "hourly" object: cohort counts per UTC hour of t0 that opened at least one conversation.</summary>
public static class HourlyBuilder
{
    public static JsonObject Build(IEnumerable<CohortEntry> cohort)
    {
        var hours = cohort
            .GroupBy(c => RefTime.HourOf(c.T0))
            .OrderBy(g => g.Key)
            .Select(g => KeyValuePair.Create<string, JsonNode?>(RefTime.Format(g.Key), Counts(g.ToList())));
        return new JsonObject(hours);
    }

    private static JsonObject Counts(List<CohortEntry> hour) => MetricsBuilder.Sorted(new Dictionary<string, JsonNode?>
    {
        ["opened"] = hour.Count,
        ["responded"] = hour.Count(c => c.Status == CohortStatus.Responded),
        ["withinSla"] = hour.Count(c => c.WithinSla),
        ["pending"] = hour.Count(c => c.Status == CohortStatus.Pending),
        ["unanswered"] = hour.Count(c => c.Status == CohortStatus.Unanswered),
    });
}
