using System.Globalization;
using Analytics.Models;

namespace Analytics.Alerts;

/// <summary>Durations and rates as an alert's message says them.</summary>
internal static class AlertText
{
    /// <summary>A duration in microseconds: "1 h 5 min", "4 min 12 s", "30 s".</summary>
    public static string Duration(long micros) => Duration(Time.ToSeconds(micros));

    /// <summary>A duration in seconds.</summary>
    public static string Duration(double seconds)
    {
        var s = (long)Math.Round(Math.Max(0, seconds));
        var (h, m, rest) = (s / 3600, s / 60 % 60, s % 60);
        return h > 0 ? (m > 0 ? $"{h} h {m} min" : $"{h} h")
            : m > 0 ? (rest > 0 ? $"{m} min {rest} s" : $"{m} min")
            : $"{rest} s";
    }

    /// <summary>A rate as a percentage: "42.5%".</summary>
    public static string Percent(double rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
