using System.Text.Json.Nodes;

namespace Analytics.Tests.Cluster;

/// <summary>
/// Gives a test's brands a unique prefix, so tests can share one cluster, and removes it from a
/// report again so that it compares with the reference's.
/// </summary>
internal sealed class Scoped(string prefix)
{
    public static Scoped New() => new("t" + Guid.NewGuid().ToString("N")[..8] + "-");

    public string Brand(string brand) => prefix + brand;

    public IEnumerable<string> Lines(IEnumerable<string> lines) => lines.Select(line =>
    {
        if (JsonNode.Parse(line) is not JsonObject o || o["brand"]?.GetValue<string>() is not { } b) return line;
        o["brand"] = prefix + b;
        return o.ToJsonString();
    });

    public JsonNode Unscope(JsonNode report)
    {
        var brands = report["brands"]!.AsObject();
        var renamed = new JsonObject();
        foreach (var (name, value) in brands.ToList())
        {
            brands.Remove(name);
            renamed[name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name] = value;
        }
        report["brands"] = renamed;
        return report;
    }
}
