using System.Text.Json;
using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Silo.Live;

/// <summary>
/// One brand's live figures as the page receives them: the same JSON as an item of GET
/// /api/brands, serialized once per push and written as is to every open page.
/// </summary>
/// <param name="Brand">The brand.</param>
/// <param name="Json">A <see cref="BrandSummaryView"/> (or for an alert, an <see cref="AlertView"/>) as one line of JSON.</param>
/// <param name="Event">The server-sent event's name: "brand" or "alert".</param>
public sealed record LiveUpdate(string Brand, string Json, string Event = "brand")
{
    // Web defaults (camelCase, nulls written) without indentation: a server-sent event's data is one line.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The update for a brand's pushed metrics.</summary>
    public static LiveUpdate Of(BrandMetrics metrics) =>
        new(metrics.Brand, JsonSerializer.Serialize(BrandSummaryView.Of(metrics), Options));

    /// <summary>The update for an entry of a brand's alert history.</summary>
    public static LiveUpdate Of(Alert alert) =>
        new(alert.Brand, JsonSerializer.Serialize(AlertView.Of(alert), AlertView.Json), "alert");
}
