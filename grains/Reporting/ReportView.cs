namespace Analytics.Reporting;

/// <summary>A whole report (METRICS-SPEC section 6): every brand and the overall total.</summary>
public sealed class ReportView
{
    /// <summary>Brands by name.</summary>
    public SortedDictionary<string, BrandView> Brands { get; set; } = new(StringComparer.Ordinal);

    /// <summary>All brands together.</summary>
    public OverallView Overall { get; set; } = new();
}
