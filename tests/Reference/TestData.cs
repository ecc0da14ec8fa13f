using System.Text.Json.Nodes;

namespace Analytics.Tests.Reference;

/// <summary>Files the test project copies from tests/Data to the output's Data folder.</summary>
public static class TestData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static string[] Lines(string name) => File.ReadAllLines(PathOf(name));

    public static JsonNode Json(string name) =>
        JsonNode.Parse(File.ReadAllText(PathOf(name))) ?? throw new InvalidDataException($"{name} holds JSON null");

    /// <summary>
    /// The worked example's full expected report: the spec's own tiny.report.json, with the figures
    /// the engine adds (tiny.report.notes.json, computed by hand) merged into its metrics objects.
    /// </summary>
    public static JsonObject TinyReport()
    {
        var report = Json("tiny.report.json").AsObject();
        Merge(report, Json("tiny.report.notes.json").AsObject());
        return report;
    }

    private static void Merge(JsonObject into, JsonObject from)
    {
        foreach (var (key, value) in from.ToList())
        {
            if (key == "//") continue;
            if (value is JsonObject inner && into[key] is JsonObject existing) Merge(existing, inner);
            else into[key] = value?.DeepClone();
        }
    }
}
