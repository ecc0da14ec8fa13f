using Orleans.Runtime;

namespace Analytics.Streaming;

/// <summary>What one Redis stream entry holds: the Orleans stream and the events published on it in one call.</summary>
[GenerateSerializer, Immutable, Alias("analytics.QueuedBatch")]
public sealed record QueuedBatch(StreamId StreamId, List<object> Events);
