using System.Text.Json.Nodes;

namespace Analytics.Tests.Reference;

/// <summary>
/// Slow, literal reference for the metrics contract (METRICS-SPEC.md): recomputes the whole report
/// from the set of events, for property tests to compare the real engine against.
/// </summary>
public static class ReferenceReport
{
    /// <summary>Computes <c>{"brands": {NAME: M}, "overall": M}</c> (spec section 6) from NDJSON lines.</summary>
    public static JsonObject Compute(IEnumerable<string> ndjsonLines, ReferenceParams p)
    {
        var window = ReportWindow.From(p);
        var events = Deduplicate(ndjsonLines);
        var brands = new JsonObject();
        var all = new List<EntrySet>();
        foreach (var group in events.GroupBy(e => e.Brand, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var facts = BrandCollector.Collect(group.ToList(), p, window);
            all.Add(facts.Entries);
            brands[group.Key] = BrandObject(facts);
        }

        // Overall = the union of every brand's entries: sums of counts and risks, percentiles over
        // the union of FRTs, oldest wait = max over brands (each wait already uses its brand's as-of).
        var overall = MetricsBuilder.Fields(EntrySet.Concat(all));
        overall["brands"] = brands.Count;
        return new JsonObject
        {
            ["brands"] = brands,
            ["overall"] = MetricsBuilder.Sorted(overall),
        };
    }

    /// <summary>
    /// De-duplication by id keeps the FIRST valid copy. The spec keeps the copy with the smallest
    /// canonical JSON when payloads differ; the engine under test resolves such conflicts its own way,
    /// so the reference does not model them and the generator never produces them.
    /// </summary>
    public static List<RefEvent> Deduplicate(IEnumerable<string> ndjsonLines)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<RefEvent>();
        foreach (var line in ndjsonLines)
        {
            if (EventParser.TryParse(line) is { } e && seen.Add(e.Id))
            {
                kept.Add(e);
            }
        }

        return kept;
    }

    private static JsonObject BrandObject(BrandFacts facts)
    {
        var m = MetricsBuilder.Fields(facts.Entries);
        var channels = new JsonObject();
        foreach (var channel in facts.Channels)
        {
            channels[channel] = MetricsBuilder.Build(facts.Entries.ForChannel(channel));
        }

        m["asOf"] = RefTime.Format(facts.AsOfMicros);
        m["channels"] = channels;
        m["hourly"] = HourlyBuilder.Build(facts.Entries.Cohort);
        return MetricsBuilder.Sorted(m);
    }
}
