namespace Analytics.Models;

/// <summary>Per-brand parameters of the metric definitions (METRICS-SPEC sections 2 and 5).</summary>
/// <param name="Horizon">Horizon H in microseconds (default 24 h).</param>
/// <param name="Sla">SLA S in microseconds (default 1 h).</param>
/// <param name="PUnfollow">Probability that a customer whose expectation is exceeded unfollows (default 0.56).</param>
/// <param name="ComplaintSla">SLA for complaints in microseconds (default 1 h: 72% of complainers expect a reply within the hour); settings stored before it existed read as the default.</param>
/// <param name="CalibratedRisk">expectedUnfollows uses the pUnfollow calibrated on the brand's own unfollows instead of <paramref name="PUnfollow"/> (default false: the survey's).</param>
[GenerateSerializer, Immutable, Alias("analytics.BrandSettings")]
public sealed record BrandSettings(long Horizon, long Sla, double PUnfollow, long ComplaintSla = Time.MicrosPerHour, bool CalibratedRisk = false)
{
    /// <summary>The spec's defaults: H = 24 h, S = 1 h, pUnfollow = 0.56; complaint SLA 1 h.</summary>
    public static BrandSettings Default { get; } = new(Time.MicrosPerHour * 24, Time.MicrosPerHour, 0.56);
}
