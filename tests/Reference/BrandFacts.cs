namespace Analytics.Tests.Reference;

/// <summary>A brand's as-of, the channels it has any event in, and its (windowed) entries.</summary>
public sealed record BrandFacts(long AsOfMicros, IReadOnlyList<string> Channels, EntrySet Entries);
