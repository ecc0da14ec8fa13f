namespace Analytics.Models;

/// <summary>What a conversation needs from its brand to judge itself: the as-of and the settings.</summary>
[GenerateSerializer, Immutable, Alias("analytics.BrandClock")]
public sealed record BrandClock(long? AsOf, BrandSettings Settings);
