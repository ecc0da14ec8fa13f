namespace Analytics.Models;

/// <summary>Per-brand parameters of the metric definitions (METRICS-SPEC sections 2 and 5).</summary>
/// <param name="Horizon">Horizon H in microseconds (default 24 h).</param>
/// <param name="Sla">SLA S in microseconds (default 1 h).</param>
/// <param name="PUnfollow">Probability that a customer whose expectation is exceeded unfollows (default 0.56).</param>
[GenerateSerializer, Immutable, Alias("analytics.BrandSettings")]
public sealed record BrandSettings(long Horizon, long Sla, double PUnfollow)
{
    /// <summary>The spec's defaults: H = 24 h, S = 1 h, pUnfollow = 0.56.</summary>
    public static BrandSettings Default { get; } = new(Time.MicrosPerHour * 24, Time.MicrosPerHour, 0.56);
}
