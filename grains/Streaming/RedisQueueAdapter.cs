using Analytics.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace Analytics.Streaming;

/// <summary>
/// Producer side: one XADD per published batch. The publisher's OnNextAsync completes only when
/// Redis has the entry, which is what lets the HTTP API answer "accepted" only for stored events.
/// </summary>
public sealed class RedisQueueAdapter(
    string name,
    RedisConnection redis,
    RedisQueueKeys keys,
    RedisQueueOptions options,
    IStreamQueueMapper mapper,
    Serializer<QueuedBatch> serializer,
    Func<QueueId, DeliveryFailures> failures,
    ILoggerFactory loggers) : IQueueAdapter
{
    /// <summary>The field of a stream entry that holds the serialized <see cref="QueuedBatch"/>.</summary>
    public const string BodyField = "b";

    public string Name => name;

    public bool IsRewindable => false;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadWrite;

    public async Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext)
    {
        if (token is not null) throw new ArgumentException("Redis queues are not rewindable: publish without a sequence token", nameof(token));
        var body = serializer.SerializeToArray(new QueuedBatch(streamId, events.Cast<object>().ToList()));
        var db = await redis.DatabaseAsync();
        await db.StreamAddAsync(keys.Queue(mapper.GetQueueForStream(streamId)), BodyField, body);
    }

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new RedisQueueReceiver(queueId, redis, keys, options, serializer, failures(queueId), loggers.CreateLogger<RedisQueueReceiver>());
}
