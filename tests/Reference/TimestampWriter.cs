using System.Globalization;

namespace Analytics.Tests.Reference;

/// <summary>
/// Writes an instant in one of several equivalent ISO-8601 forms (Z, +00:00, other offsets, padded
/// fractions) so that the engine under test must normalise to UTC microseconds like the spec says.
/// </summary>
public static class TimestampWriter
{
    private static readonly TimeSpan[] Offsets =
    [
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(-5),
        new TimeSpan(5, 30, 0),
        TimeSpan.Zero,
        new TimeSpan(-3, -30, 0),
    ];

    public static string Write(long micros, Random rng)
    {
        var utc = new DateTimeOffset(micros * 10, TimeSpan.Zero);
        var local = rng.Next(10) < 7 ? utc : utc.ToOffset(Offsets[rng.Next(Offsets.Length)]);
        var fractionMicros = micros % RefTime.MicrosPerSecond;

        // Whole seconds usually print without a fraction, sometimes as ".000"; sub-second times print
        // as milliseconds when that is exact, otherwise (or sometimes anyway) as six digits.
        var fraction = fractionMicros switch
        {
            0 when rng.Next(5) > 0 => string.Empty,
            _ when fractionMicros % 1000 == 0 && rng.Next(3) > 0 => "." + (fractionMicros / 1000).ToString("D3", CultureInfo.InvariantCulture),
            _ => "." + fractionMicros.ToString("D6", CultureInfo.InvariantCulture),
        };
        var zone = local.Offset == TimeSpan.Zero && rng.Next(4) > 0 ? "Z" : local.ToString("zzz", CultureInfo.InvariantCulture);
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + fraction + zone;
    }
}
