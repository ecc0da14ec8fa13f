namespace Analytics;

/// <summary>The timing contract between a brand and its live observers.</summary>
public static class BrandObservers
{
    /// <summary>A brand pushes to its observers at most this often.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    /// <summary>An observer that has not renewed its subscription for this long is dropped.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    /// <summary>How often an observer should renew (well inside <see cref="Expiry"/>, so one lost renewal costs nothing).</summary>
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(30);
}
