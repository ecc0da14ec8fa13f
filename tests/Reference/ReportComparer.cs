using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Analytics.Tests.Reference;

/// <summary>Structural diff of two reports, tolerant only where floating point needs it.</summary>
public static class ReportComparer
{
    private const double AbsoluteTolerance = 1e-9;

    /// <summary>
    /// Every difference as "path: expected X, actual Y". Numbers match within <paramref name="relTol"/>
    /// (or 1e-9 absolute near zero); a null value and a missing key are different; a top-level
    /// "params" key is ignored because it describes the run, not a figure.
    /// </summary>
    public static IReadOnlyList<string> Differences(JsonNode expected, JsonNode actual, double relTol = 1e-9)
    {
        var diffs = new List<string>();
        Compare(expected, actual, string.Empty, relTol, diffs, isRoot: true);
        return diffs;
    }

    private static void Compare(JsonNode? e, JsonNode? a, string path, double relTol, List<string> diffs, bool isRoot = false)
    {
        switch (e, a)
        {
            case (null, null):
                return;
            case (JsonObject eo, JsonObject ao):
                CompareObjects(eo, ao, path, relTol, diffs, isRoot);
                return;
            case (JsonArray ea, JsonArray aa):
                if (ea.Count != aa.Count)
                {
                    diffs.Add($"{Show(path)}: expected {ea.Count} elements, actual {aa.Count}");
                }

                for (var i = 0; i < Math.Min(ea.Count, aa.Count); i++)
                {
                    Compare(ea[i], aa[i], $"{path}[{i}]", relTol, diffs);
                }

                return;
            case (JsonValue ev, JsonValue av) when ValuesEqual(ev, av, relTol):
                return;
            default:
                diffs.Add($"{Show(path)}: expected {Text(e)}, actual {Text(a)}");
                return;
        }
    }

    private static void CompareObjects(JsonObject e, JsonObject a, string path, double relTol, List<string> diffs, bool isRoot)
    {
        var keys = e.Select(kv => kv.Key).Union(a.Select(kv => kv.Key)).Order(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            if (isRoot && key == "params")
            {
                continue;
            }

            var child = path.Length == 0 ? key : $"{path}.{key}";
            if (!a.ContainsKey(key))
            {
                diffs.Add($"{child}: expected {Text(e[key])}, actual missing");
            }
            else if (!e.ContainsKey(key))
            {
                diffs.Add($"{child}: expected missing, actual {Text(a[key])}");
            }
            else
            {
                Compare(e[key], a[key], child, relTol, diffs);
            }
        }
    }

    private static bool ValuesEqual(JsonValue e, JsonValue a, double relTol)
    {
        var (ek, ak) = (e.GetValueKind(), a.GetValueKind());
        if (ek == JsonValueKind.Number && ak == JsonValueKind.Number)
        {
            // Via the JSON text: a JsonValue built from an int cannot be read back as a double.
            var x = double.Parse(e.ToJsonString(), CultureInfo.InvariantCulture);
            var y = double.Parse(a.ToJsonString(), CultureInfo.InvariantCulture);
            var diff = Math.Abs(x - y);
            return diff <= AbsoluteTolerance || diff <= relTol * Math.Max(Math.Abs(x), Math.Abs(y));
        }

        if (ek == JsonValueKind.String && ak == JsonValueKind.String)
        {
            var (xs, ys) = (e.GetValue<string>(), a.GetValue<string>());
            return xs == ys || SameUtcInstant(xs, ys);
        }

        return ek == ak && e.ToJsonString() == a.ToJsonString();
    }

    /// <summary>
    /// "09:00:00Z" and "09:00:00.000Z" are the same time; both must still be UTC with Z (spec section 6),
    /// so "+00:00" is reported.
    /// </summary>
    private static bool SameUtcInstant(string x, string y) =>
        x.EndsWith('Z') && y.EndsWith('Z')
        && RefTime.TryParse(x, out var mx) && RefTime.TryParse(y, out var my) && mx == my;

    private static string Text(JsonNode? n) => n is null ? "null" : n.ToJsonString();

    private static string Show(string path) => path.Length == 0 ? "(root)" : path;
}
