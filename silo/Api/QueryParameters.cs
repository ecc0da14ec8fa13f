using System.Globalization;
using Analytics.Models;

namespace Analytics.Silo.Api;

/// <summary>Parses query-string parameters into domain values, or an error message naming the parameter.</summary>
public static class QueryParameters
{
    /// <summary>A window from "from" and "to" (ISO-8601 with offset, whole UTC minutes) and an optional channel.</summary>
    public static (MetricsQuery? Query, string? Error) Window(string? from, string? to, string? channel = null)
    {
        var (f, fromError) = Minute("from", from);
        if (fromError is not null) return (null, fromError);
        var (t, toError) = Minute("to", to);
        if (toError is not null) return (null, toError);
        if (f is not null && t is not null && t < f) return (null, "to must not be before from");
        if (channel is { Length: 0 }) return (null, "channel must not be empty");
        return (new MetricsQuery(f, t, channel), null);
    }

    /// <summary>A positive limit, default <see cref="ApiLimits.DefaultListLimit"/>.</summary>
    public static (int Limit, string? Error) Limit(string? value)
    {
        if (string.IsNullOrEmpty(value)) return (ApiLimits.DefaultListLimit, null);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and <= ApiLimits.MaxListLimit
            ? (n, null)
            : (0, $"limit must be a whole number from 1 to {ApiLimits.MaxListLimit}");
    }

    /// <summary>A conversation filter: waiting, pending, unanswered or responded (default waiting).</summary>
    public static (ConversationFilter Filter, string? Error) Status(string? value) => value?.ToLowerInvariant() switch
    {
        null or "" or "waiting" => (ConversationFilter.Waiting, null),
        "pending" => (ConversationFilter.Pending, null),
        "unanswered" => (ConversationFilter.Unanswered, null),
        "responded" => (ConversationFilter.Responded, null),
        _ => (ConversationFilter.Waiting, "status must be waiting, pending, unanswered or responded"),
    };

    private static (long? Micros, string? Error) Minute(string name, string? value)
    {
        if (string.IsNullOrEmpty(value)) return (null, null);
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || !HasOffset(value))
        {
            return (null, $"{name} must be ISO-8601 with an offset, e.g. 2024-03-01T09:00:00Z");
        }
        var micros = Time.FromDateTimeOffset(parsed);
        return micros % Time.MicrosPerMinute == 0 ? (micros, null) : (null, $"{name} must be a whole UTC minute");
    }

    private static bool HasOffset(string value) =>
        value.EndsWith('Z') || value.EndsWith('z') || (value.Length > 6 && value[^6] is '+' or '-' && value[^3] == ':');
}
