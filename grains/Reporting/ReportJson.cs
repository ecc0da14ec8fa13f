using System.Text.Json;

namespace Analytics.Reporting;

/// <summary>JSON settings of reports everywhere: camelCase names of METRICS-SPEC, nulls written, indented.</summary>
public static class ReportJson
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
