namespace Analytics.Models;

/// <summary>A brand's figures bucket by bucket (the charts of the dashboard).</summary>
/// <param name="Brand">The brand.</param>
/// <param name="AsOf">The as-of the cohort figures were judged at; null before the brand's first event.</param>
/// <param name="Query">The buckets asked for.</param>
/// <param name="Buckets">
/// Per bucket, the cohort and activity figures of its minutes (METRICS-SPEC section 4, windowed);
/// the snapshot fields (backlog and the like) are zero here: a past backlog is not derivable from
/// the held contributions, see <paramref name="Backlog"/>.
/// </param>
/// <param name="Backlog">Per bucket, the backlog sampled by the brand in the bucket's last sampled minute; null where nothing was sampled.</param>
[GenerateSerializer, Immutable, Alias("analytics.BrandSeries")]
public sealed record BrandSeries(string Brand, long? AsOf, SeriesQuery Query, Tally[] Buckets, long?[] Backlog);
