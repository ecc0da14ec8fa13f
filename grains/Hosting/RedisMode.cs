using Analytics.Models;
using Analytics.Storage;
using Analytics.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Orleans.Streams;

namespace Analytics.Hosting;

/// <summary>Cluster mode: everything that must survive a silo lives in Redis.</summary>
public static class RedisMode
{
    /// <summary>Redis membership (Microsoft.Orleans.Clustering.Redis).</summary>
    public static ISiloBuilder UseRedisMembership(this ISiloBuilder silo, string redis) =>
        silo.UseRedisClustering(o => o.ConfigurationOptions = RedisConnection.Options(redis));

    /// <summary>
    /// Grain state (Microsoft.Orleans.Persistence.Redis, Orleans' binary serializer), the brands'
    /// incremental contribution store, and the ingest stream provider on Redis Streams.
    /// </summary>
    public static ISiloBuilder AddRedisStorageAndStreams(this ISiloBuilder silo, AnalyticsOptions options, string keyPrefix)
    {
        var redis = options.Redis!;
        silo.Services.AddSingleton(new RedisConnection(redis));
        foreach (var store in new[] { Names.ConversationStore, Names.BrandStore, Names.PubSubStore })
        {
            silo.AddRedisGrainStorage(store, o => o.Configure<Serializer>((storage, serializer) =>
            {
                storage.ConfigurationOptions = RedisConnection.Options(redis);
                storage.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
        }
        silo.Services.AddSingleton<IContributionStore>(sp =>
            new RedisContributionStore(sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<Serializer<Contribution>>(), keyPrefix));

        var queues = new RedisQueueOptions
        {
            KeyPrefix = keyPrefix,
            Queues = options.Partitions,
            MaxDeliveries = options.MaxDeliveries,
            RedeliverAfter = options.RedeliverAfter,
        };
        silo.Services.AddSingleton<IIngestBacklog>(sp => new RedisIngestBacklog(
            sp.GetRequiredService<RedisConnection>(),
            new RedisQueueKeys(keyPrefix, Names.StreamProvider),
            new HashRingBasedStreamQueueMapper(new HashRingStreamQueueMapperOptions { TotalQueueCount = queues.Queues }, Names.StreamProvider)));
        silo.AddPersistentStreams(Names.StreamProvider, (sp, name) => RedisQueueAdapterFactory.Create(sp, name, queues), streams =>
            streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = SiloConfiguration.PollPeriod)));
        return silo;
    }
}
