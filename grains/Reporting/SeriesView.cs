using Analytics.Models;

namespace Analytics.Reporting;

/// <summary>
/// A brand's series in columns (one array per field of METRICS-SPEC section 4, one element per
/// bucket): the shape a chart takes directly, and a third the size of a list of objects.
/// Cohort fields count conversations by the bucket of their t0, judged at the as-of; activity
/// fields count events in their bucket; backlog is the sampled backlog as the bucket ended.
/// </summary>
public sealed record SeriesView(
    string Brand,
    string? AsOf,
    string From,
    string To,
    int StepSeconds,
    string? Channel,
    string[] Start,
    long[] Opened,
    long[] Responded,
    long[] WithinSla,
    long[] Pending,
    long[] Unanswered,
    double?[] ResponseRate,
    double?[] SlaRate,
    double?[] FrtP50,
    double?[] FrtP90,
    double?[] FrtP99,
    double[] ExpectedUnfollows,
    double[] ExpectedAmplification,
    long[] Inbound,
    long[] Outbound,
    long[] Responses,
    long?[] Backlog)
{
    /// <summary>The view of a brand grain's series; every bucket goes through the one derivation of <see cref="Views"/>.</summary>
    public static SeriesView Of(BrandSeries s)
    {
        var q = s.Query;
        var step = q.StepMinutes * Time.MicrosPerMinute;
        var m = Array.ConvertAll(s.Buckets, Views.Metrics);
        return new SeriesView(
            s.Brand,
            s.AsOf is { } a ? Time.ToIso(a) : null,
            Time.ToIso(q.From),
            Time.ToIso(q.To),
            q.StepMinutes * 60,
            q.Channel,
            [.. Enumerable.Range(0, m.Length).Select(i => Time.ToIso(q.From + i * step))],
            [.. m.Select(v => v.Opened)],
            [.. m.Select(v => v.Responded)],
            [.. m.Select(v => v.WithinSla)],
            [.. m.Select(v => v.Pending)],
            [.. m.Select(v => v.Unanswered)],
            [.. m.Select(v => v.ResponseRate)],
            [.. m.Select(v => v.SlaRate)],
            [.. m.Select(v => v.FrtP50)],
            [.. m.Select(v => v.FrtP90)],
            [.. m.Select(v => v.FrtP99)],
            [.. m.Select(v => v.ExpectedUnfollows)],
            [.. m.Select(v => v.ExpectedAmplification)],
            [.. m.Select(v => v.Inbound)],
            [.. m.Select(v => v.Outbound)],
            [.. m.Select(v => v.Responses)],
            s.Backlog);
    }
}
