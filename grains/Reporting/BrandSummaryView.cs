namespace Analytics.Reporting;

/// <summary>A brand in the brand list: its name, as-of and headline metrics over all time.</summary>
public sealed record BrandSummaryView(string Brand, string? AsOf, MetricsView Metrics);
