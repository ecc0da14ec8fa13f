namespace Analytics.Models;

/// <summary>Event time is UTC microseconds since the Unix epoch everywhere; these convert it.</summary>
public static class Time
{
    /// <summary>Microseconds in a second.</summary>
    public const long MicrosPerSecond = 1_000_000;
    /// <summary>Microseconds in a minute.</summary>
    public const long MicrosPerMinute = 60 * MicrosPerSecond;
    /// <summary>Microseconds in an hour.</summary>
    public const long MicrosPerHour = 60 * MicrosPerMinute;

    /// <summary>The whole minute (since the epoch) that holds a timestamp.</summary>
    public static long MinuteOf(long micros) => FloorDiv(micros, MicrosPerMinute);

    /// <summary>Start of the UTC hour that holds a timestamp.</summary>
    public static long HourStart(long micros) => FloorDiv(micros, MicrosPerHour) * MicrosPerHour;

    /// <summary>Microseconds to a UTC DateTimeOffset (sub-tick precision is not lost: a tick is 0.1 µs).</summary>
    public static DateTimeOffset ToDateTimeOffset(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    /// <summary>A DateTimeOffset to UTC microseconds, rounding towards the past.</summary>
    public static long FromDateTimeOffset(DateTimeOffset value) => FloorDiv(value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks, 10);

    /// <summary>Microseconds as seconds.</summary>
    public static double ToSeconds(long micros) => micros / (double)MicrosPerSecond;

    /// <summary>ISO-8601 UTC with Z, fractional seconds only when present.</summary>
    public static string ToIso(long micros)
    {
        var value = ToDateTimeOffset(micros).UtcDateTime;
        return value.ToString(micros % MicrosPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
