namespace Analytics.Models;

/// <summary>A batch of accepted events as published on the ingest stream.</summary>
/// <param name="Events">The events, in no particular order.</param>
/// <remarks>Serialized by <see cref="EventBatchCodec"/>, not a generated codec.</remarks>
[Immutable, Alias("analytics.EventBatch")]
public sealed record EventBatch(CareEvent[] Events);
