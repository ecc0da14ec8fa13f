using Analytics.Models;
using Analytics.Storage;
using Analytics.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.GrainDirectory;
using Orleans.Runtime.GrainDirectory;
using Orleans.Runtime.Hosting;
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
    /// Grain state (<see cref="RedisGrainStorage"/>: Orleans' binary serializer, writes in groups),
    /// brands rebuilt from their conversations' states, conversations in no directory, and the
    /// ingest stream provider on Redis Streams.
    /// </summary>
    public static ISiloBuilder AddRedisStorageAndStreams(this ISiloBuilder silo, AnalyticsOptions options, string keyPrefix)
    {
        var redis = options.Redis!;
        silo.Services.AddSingleton(new RedisConnection(redis));
        // One storage for every kind of state, so that all the writes of a moment share round trips.
        silo.Services.AddSingleton(sp => new RedisGrainStorage(sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<Serializer>(), keyPrefix, options.PartitionCount));
        foreach (var store in new[] { Names.ConversationStore, Names.BrandStore, Names.PubSubStore })
        {
            silo.Services.AddGrainStorage(store, (sp, _) => sp.GetRequiredService<RedisGrainStorage>());
        }
        // Every other grain (brands, routers, the ledger) is found through Orleans' strongly
        // consistent directory: with the default one, a silo killed during a replay could leave a
        // brand active twice for a while, each copy taking part of the routers' contributions.
#pragma warning disable ORLEANSEXP003 // Experimental in Orleans 10; the fault tests (kill -9 of silos and Redis) cover it here.
        silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
        // Conversations are active where their router calls them, registered nowhere; see CallerSiloDirectory.
        silo.Services.AddSingleton<IGrainDirectoryResolver>(new ConversationDirectoryResolver(new CallerSiloDirectory()));
        // ... and cached nowhere: the locator Orleans uses for grains in a registered directory (here
        // every grain) takes a registered cache instead of its own.
        silo.Services.AddSingleton<IGrainDirectoryCache>(sp => new ConversationAddressCache(
            GrainDirectoryCacheFactory.CreateGrainDirectoryCache(sp, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GrainDirectoryOptions>>().Value),
            sp.GetRequiredService<ILocalSiloDetails>()));
        silo.Services.AddSingleton<IngestCommit>();
        silo.Services.AddSingleton<IStoredContributions>(sp => new RedisStoredContributions(sp.GetRequiredService<RedisGrainStorage>()));

        var queues = new RedisQueueOptions
        {
            KeyPrefix = keyPrefix,
            Queues = options.PartitionCount,
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
