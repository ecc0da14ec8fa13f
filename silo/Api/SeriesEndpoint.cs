using System.Globalization;
using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Silo.Api;

/// <summary>GET /api/brands/{brand}/series: a brand's figures per bucket of minutes, for the dashboard's charts.</summary>
public static class SeriesEndpoint
{
    /// <summary>Most buckets one answer holds: enough for seven days at ten minutes or a day by the minute.</summary>
    public const int MaxBuckets = 1500;

    // Bucket sizes a chart reads well at; the default is the smallest that keeps the window within MaxBuckets.
    private static readonly int[] Steps = [1, 2, 5, 10, 15, 30, 60, 120, 240, 720, 1440];

    /// <summary>
    /// Handles one request. The window defaults to the hour up to the minute after the brand's
    /// as-of (not the wall clock's, so a replayed history shows its own last hour).
    /// </summary>
    public static async Task<IResult> HandleAsync(IGrainFactory grains, string brand, string? from, string? to, string? channel, string? step)
    {
        var (window, error) = QueryParameters.Window(from, to, channel);
        if (window is null) return AnalyticsApi.BadRequest(error);
        if (!await AnalyticsApi.KnownAsync(grains, brand)) return AnalyticsApi.UnknownBrand(brand);
        var grain = grains.GetGrain<IBrandGrain>(brand);
        if ((await grain.GetClockAsync()).AsOf is not { } asOf) return AnalyticsApi.UnknownBrand(brand);

        var end = window.To ?? (Time.MinuteOf(asOf) + 1) * Time.MicrosPerMinute;
        // The default hour may not reach before the first representable minute (year 1).
        var start = window.From ?? Math.Max(end - Time.MicrosPerHour, Earliest);
        if (end <= start) return AnalyticsApi.BadRequest("to must be after from");
        var minutes = (end - start) / Time.MicrosPerMinute;
        var (stepMinutes, stepError) = Step(step, minutes);
        if (stepError is not null) return AnalyticsApi.BadRequest(stepError);

        var series = await grain.GetSeriesAsync(new SeriesQuery(start, end, stepMinutes, window.Channel));
        return Results.Ok(SeriesView.Of(series));
    }

    private static readonly long Earliest = Time.FromDateTimeOffset(DateTimeOffset.MinValue);

    private static (int Minutes, string? Error) Step(string? value, long windowMinutes)
    {
        if (string.IsNullOrEmpty(value))
        {
            foreach (var s in Steps)
            {
                if ((windowMinutes + s - 1) / s <= MaxBuckets) return (s, null);
            }
            return (0, $"the window is too long for a series: at most {MaxBuckets} days");
        }
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 1440)
        {
            return (0, "step must be a whole number of minutes from 1 to 1440");
        }
        return (windowMinutes + n - 1) / n <= MaxBuckets ? (n, null) : (0, $"step too small: the window would need more than {MaxBuckets} buckets");
    }
}
