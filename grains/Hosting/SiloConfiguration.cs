using System.Net;
using Analytics.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;

namespace Analytics.Hosting;

/// <summary>
/// The one silo configuration, shared by the silo host, the client's embedded mode and the tests
/// (which bring their own clustering). The mode is chosen here, from configuration alone:
/// <c>Analytics:Redis</c> set means cluster mode (<see cref="RedisMode"/>), else embedded.
/// </summary>
public static class SiloConfiguration
{
    /// <summary>Grains, storage, ingest streams and engine options, from configuration.</summary>
    public static ISiloBuilder AddAnalytics(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = Options(configuration);
        silo.Services.Configure<AnalyticsOptions>(configuration.GetSection(AnalyticsOptions.Section));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<EventPublisher>();
        silo.Services.TryAddSingleton<IngestService>();
        silo.Services.TryAddSingleton<Grains.ActiveConversations>();
        if (options.ConversationCollectionAge > TimeSpan.Zero)
        {
            silo.Configure<GrainCollectionOptions>(o => o.ClassSpecificCollectionAge[typeof(Grains.ConversationGrain).FullName!] = options.ConversationCollectionAge);
        }
        if (options.Mode == EngineMode.Cluster) return silo.AddRedisStorageAndStreams(options, ServiceId(configuration));

        // One silo registers every activation in its own directory partition, so the directory
        // cache (for addresses held by other silos) only remembers each grain ever called: about
        // 300 bytes per conversation that outlive its activation.
        silo.Configure<GrainDirectoryOptions>(o => o.CachingStrategy = GrainDirectoryOptions.CachingStrategyType.None);
        if (!string.IsNullOrWhiteSpace(options.DataDir))
        {
            silo.Services.AddSingleton<Storage.LocalDurability>();
            silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<Storage.LocalDurability>());
        }
        silo.Services.AddGrainStorage(Names.ConversationStore, (sp, _) => ActivatorUtilities.CreateInstance<LocalGrainStorage>(sp));
        silo.Services.AddGrainStorage(Names.BrandStore, (sp, _) => ActivatorUtilities.CreateInstance<LocalGrainStorage>(sp));
        silo.AddMemoryGrainStorage(Names.PubSubStore)
            .AddMemoryStreams(Names.StreamProvider, streams =>
            {
                streams.ConfigurePartitioning(options.PartitionCount);
                // The default 100 ms poll would be most of the freshness budget.
                streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = PollPeriod));
                streams.ConfigureCacheEviction(eviction => eviction.Configure(o => (o.DataMinTimeInCache, o.DataMaxAgeInCache) = (CacheTime, CacheTime)));
            });
        return silo;
    }

    /// <summary>
    /// Clustering for a stand-alone host: a single localhost silo, or in cluster mode Redis
    /// membership with this silo on <c>Orleans:AdvertisedIP</c> (default loopback) and its ports.
    /// </summary>
    public static ISiloBuilder UseAnalyticsClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var siloPort = configuration.GetValue("Orleans:SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
        var gatewayPort = configuration.GetValue("Orleans:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
        var options = Options(configuration);
        if (options.Mode == EngineMode.Embedded) return silo.UseLocalhostClustering(siloPort, gatewayPort);

        var address = IPAddress.Parse(configuration.GetValue("Orleans:AdvertisedIP", IPAddress.Loopback.ToString())!);
        return silo.UseRedisMembership(options.Redis!)
            .Configure<ClusterOptions>(cluster =>
            {
                cluster.ClusterId = configuration.GetValue("Orleans:ClusterId", "analytics")!;
                cluster.ServiceId = ServiceId(configuration);
            })
            .ConfigureEndpoints(address, siloPort, gatewayPort, listenOnAnyHostAddress: !IPAddress.IsLoopback(address));
    }

    /// <summary>How often a pulling agent looks for new batches.</summary>
    internal static readonly TimeSpan PollPeriod = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// How long a delivered batch stays in a pulling agent's cache. Orleans' default purges a batch
    /// only once it is 30 minutes older than the newest: at 150,000 events/s the cache held every
    /// batch of a run (gigabytes within the half hour), in large buffers that kept setting off full
    /// collections. The cache's purge does not wait for consumers, so this must exceed the longest
    /// a batch can wait for its router. A request larger than
    /// <see cref="AnalyticsOptions.MaxIngestBacklog"/> waits while that many events are not yet
    /// applied (seconds at the engine's rates, 60 s at 3,300 events/s); small requests are not held
    /// back, so only traffic above the engine's rate for over a minute could outrun it.
    /// </summary>
    internal static readonly TimeSpan CacheTime = TimeSpan.FromMinutes(1);

    private static AnalyticsOptions Options(IConfiguration configuration) => AnalyticsOptions.From(configuration);

    // Several deployments can share one Redis: every key of this one starts with its service id.
    private static string ServiceId(IConfiguration configuration) => configuration.GetValue("Orleans:ServiceId", "analytics")!;
}
