using Orleans.Providers.Streams.Common;
using Orleans.Runtime;
using Orleans.Streams;

namespace Analytics.Streaming;

/// <summary>
/// One Redis stream entry as the pulling agent caches and delivers it. <see cref="EntryId"/> is
/// what gets acknowledged; the sequence token is the delivery number, not the entry id, because a
/// redelivered entry is older than entries already delivered.
/// </summary>
[GenerateSerializer, Alias("analytics.RedisBatchContainer")]
public sealed class RedisBatchContainer(StreamId streamId, List<object> events, EventSequenceTokenV2 token, string entryId) : IBatchContainer
{
    [Id(0)] public StreamId StreamId { get; } = streamId;

    [Id(1)] public List<object> Events { get; } = events;

    [Id(2)] public EventSequenceTokenV2 Token { get; } = token;

    /// <summary>The Redis stream entry id.</summary>
    [Id(3)] public string EntryId { get; } = entryId;

    public StreamSequenceToken SequenceToken => Token;

    public IEnumerable<Tuple<T, StreamSequenceToken>> GetEvents<T>() =>
        Events.OfType<T>().Select((e, i) => Tuple.Create(e, (StreamSequenceToken)Token.CreateSequenceTokenForEvent(i)));

    public bool ImportRequestContext() => false;
}
