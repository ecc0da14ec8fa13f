using System.Globalization;
using System.Text.RegularExpressions;

namespace Analytics.Tests.Reference;

/// <summary>Timestamps as UTC microseconds: parsing the input form and printing the report form.</summary>
public static partial class RefTime
{
    public const long MicrosPerSecond = 1_000_000;
    public const long MicrosPerMinute = 60 * MicrosPerSecond;
    public const long MicrosPerHour = 60 * MicrosPerMinute;

    // Strict ISO-8601 with a mandatory offset: the spec requires "with offset or Z", and a
    // local-time reading would make the result depend on the machine's time zone.
    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoPattern();

    /// <summary>Parses an ISO-8601 timestamp; digits beyond microseconds are truncated.</summary>
    public static bool TryParse(string text, out long micros)
    {
        micros = 0;
        var m = IsoPattern().Match(text);
        if (!m.Success)
        {
            return false;
        }

        int Part(int group) => int.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
        var zone = m.Groups[8].Value;
        var offset = TimeSpan.Zero;
        if (zone != "Z")
        {
            var hours = int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture);
            var minutes = int.Parse(zone.AsSpan(4, 2), CultureInfo.InvariantCulture);
            if (minutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
        }

        DateTimeOffset whole;
        try
        {
            whole = new DateTimeOffset(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6), offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Month 13, second 60, offset beyond +-14 h, a result before year 1, ...
            return false;
        }

        // Pad/truncate the fraction to exactly six digits = microseconds.
        var fraction = (m.Groups[7].Value + "000000")[..6];
        micros = (whole.UtcTicks / 10) + long.Parse(fraction, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Report form: "yyyy-MM-ddTHH:mm:ssZ", with a fraction only when the instant has one.</summary>
    public static string Format(long micros) =>
        new DateTime(micros * 10, DateTimeKind.Utc)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    public static long ToMicros(DateTimeOffset t) => t.UtcTicks / 10;

    public static double Seconds(long micros) => micros / (double)MicrosPerSecond;

    /// <summary>Floor to the UTC hour; micros are non-negative so integer division is a floor.</summary>
    public static long HourOf(long micros) => micros / MicrosPerHour * MicrosPerHour;
}
