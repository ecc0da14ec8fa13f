namespace Analytics.Reporting;

/// <summary>All brands together.</summary>
public sealed class OverallView : MetricsView
{
    /// <summary>Number of brands.</summary>
    public int Brands { get; set; }
}
