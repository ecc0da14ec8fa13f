using System.Collections.Concurrent;
using Analytics.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;

namespace Analytics.Streaming;

/// <summary>
/// An Orleans persistent stream provider over Redis Streams: <see cref="RedisQueueAdapter"/>
/// writes, <see cref="RedisQueueReceiver"/> reads with a consumer group, and Orleans' simple
/// queue cache hands a batch back for acknowledgement only after its consumer's OnNextAsync
/// returned (a failed delivery is left out, see <see cref="DeliveryFailures"/>).
/// </summary>
public sealed class RedisQueueAdapterFactory : IQueueAdapterFactory
{
    private readonly HashRingBasedStreamQueueMapper mapper;
    private readonly SimpleQueueAdapterCache cache;
    private readonly RedisQueueAdapter adapter;
    private readonly ConcurrentDictionary<QueueId, DeliveryFailures> failures = new();

    public RedisQueueAdapterFactory(string name, RedisQueueOptions options, RedisConnection redis, Serializer<QueuedBatch> serializer, ILoggerFactory loggers)
    {
        mapper = new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = options.Queues }, name);
        cache = new SimpleQueueAdapterCache(new SimpleQueueCacheOptions(), name, loggers);
        adapter = new RedisQueueAdapter(name, redis, new RedisQueueKeys(options.KeyPrefix, name), options, mapper, serializer, FailuresOf, loggers);
    }

    /// <summary>The factory for a provider, with the silo's services.</summary>
    public static RedisQueueAdapterFactory Create(IServiceProvider services, string name, RedisQueueOptions options) =>
        new(name, options, services.GetRequiredService<RedisConnection>(), services.GetRequiredService<Serializer<QueuedBatch>>(), services.GetRequiredService<ILoggerFactory>());

    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(adapter);

    public IQueueAdapterCache GetQueueAdapterCache() => cache;

    public IStreamQueueMapper GetStreamQueueMapper() => mapper;

    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(FailuresOf(queueId));

    private DeliveryFailures FailuresOf(QueueId queueId) => failures.GetOrAdd(queueId, _ => new DeliveryFailures());
}
