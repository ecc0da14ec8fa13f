namespace Analytics.Tests.Reference;

/// <summary>Time between consecutive messages of a generated thread, weighted towards the spec's edges.</summary>
public static class Gaps
{
    private const long Second = RefTime.MicrosPerSecond;
    private const long Hour = RefTime.MicrosPerHour;

    public static long Next(Random rng) => rng.Next(100) switch
    {
        // Equal timestamps: the (timestamp, id) order decides whether an outbound answers.
        < 12 => 0,
        // Seconds, now and then with a millisecond or microsecond fraction.
        < 18 => rng.Next(1, 120) * Second,
        < 21 => rng.Next(1, 120_000) * 1000L,
        < 23 => rng.NextInt64(1, 120 * Second),
        < 35 => rng.Next(1, 120) * Second,
        < 60 => rng.Next(2, 61) * RefTime.MicrosPerMinute,
        < 78 => (rng.Next(1, 21) * Hour) + (rng.Next(3600) * Second),
        // Exactly at the default SLA and horizon: both bounds are inclusive ("<=").
        < 82 => 3600 * Second,
        < 86 => 86400 * Second,
        // Past the horizon, and past 7 days where F(w) saturates.
        < 95 => (24 * Hour) + rng.NextInt64(48 * Hour),
        _ => (7 * 24 * Hour) + rng.NextInt64(3 * 24 * Hour),
    };
}
