using Analytics.Hosting;
using Analytics.Models;

namespace Analytics.Domain;

/// <summary>The as-of A of METRICS-SPEC section 3.</summary>
public static class AsOf
{
    /// <summary>
    /// Replay: the latest event time. Live: the later of that and the wall clock minus the allowed
    /// lateness, so waits keep growing while nothing arrives. Null before the brand's first event.
    /// </summary>
    public static long? Of(long? latestEvent, AsOfMode mode, DateTimeOffset now, TimeSpan allowedLateness)
    {
        if (latestEvent is not { } latest) return null;
        return mode == AsOfMode.Replay ? latest : Math.Max(latest, Time.FromDateTimeOffset(now - allowedLateness));
    }
}
