using Analytics.Models;

namespace Analytics.Reporting;

/// <summary>A brand in the brand list: its name, as-of and headline metrics over all time.</summary>
public sealed record BrandSummaryView(string Brand, string? AsOf, MetricsView Metrics)
{
    /// <summary>The summary of a brand's metrics (the brand list and the live push share it).</summary>
    public static BrandSummaryView Of(BrandMetrics m) => new(m.Brand, m.AsOf is { } a ? Time.ToIso(a) : null, Views.Metrics(m.Total));
}
