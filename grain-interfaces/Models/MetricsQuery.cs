namespace Analytics.Models;

/// <summary>A window [From, To) of whole UTC minutes, optionally one channel.</summary>
/// <param name="From">Inclusive start (UTC microseconds, a whole minute), null for the beginning of time.</param>
/// <param name="To">Exclusive end (UTC microseconds, a whole minute), null for no end.</param>
/// <param name="Channel">Only this channel, or all when null.</param>
[GenerateSerializer, Immutable, Alias("analytics.MetricsQuery")]
public sealed record MetricsQuery(long? From = null, long? To = null, string? Channel = null)
{
    /// <summary>Everything, all channels.</summary>
    public static MetricsQuery All { get; } = new();
}
