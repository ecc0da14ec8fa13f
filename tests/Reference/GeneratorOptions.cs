namespace Analytics.Tests.Reference;

/// <summary>Size of a generated data set; everything else (times, mixes, formats) follows the seed.</summary>
/// <param name="Brands">Number of brand accounts; each gets at least one follow event so it appears in the report.</param>
/// <param name="Conversations">Total conversations, spread randomly over the brands.</param>
/// <param name="Days">Span over which conversations start; long waits may run past it.</param>
/// <param name="Start">Earliest conversation start; null = 2024-03-01T00:00:00Z.</param>
public sealed record GeneratorOptions(
    int Brands = 3,
    int Conversations = 60,
    int Days = 14,
    DateTimeOffset? Start = null);
