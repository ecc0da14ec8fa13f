using Analytics.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;

namespace Analytics.Hosting;

/// <summary>
/// The one silo configuration, shared by the silo host, the client's embedded mode and the tests
/// (which bring their own clustering).
/// </summary>
public static class SiloConfiguration
{
    /// <summary>Grains, storage, ingest streams and engine options, from configuration.</summary>
    public static ISiloBuilder AddAnalytics(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(AnalyticsOptions.Section).Get<AnalyticsOptions>() ?? new AnalyticsOptions();
        silo.Services.Configure<AnalyticsOptions>(configuration.GetSection(AnalyticsOptions.Section));
        silo.Services.TryAddSingleton(TimeProvider.System);
        silo.Services.TryAddSingleton<EventPublisher>();
        silo.Configure<GrainCollectionOptions>(o => o.ClassSpecificCollectionAge[typeof(Grains.ConversationGrain).FullName!] = options.ConversationCollectionAge);

        silo.Services.AddGrainStorage(Names.ConversationStore, (sp, _) => ActivatorUtilities.CreateInstance<LocalGrainStorage>(sp));
        silo.Services.AddGrainStorage(Names.BrandStore, (sp, _) => ActivatorUtilities.CreateInstance<LocalGrainStorage>(sp));
        silo.AddMemoryGrainStorage(Names.PubSubStore)
            .AddMemoryStreams(Names.StreamProvider, streams =>
            {
                streams.ConfigurePartitioning(options.Partitions);
                // The default 100 ms poll would be most of the freshness budget.
                streams.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = TimeSpan.FromMilliseconds(10)));
            });
        return silo;
    }

    /// <summary>Clustering for a stand-alone host: a single localhost silo unless configured otherwise.</summary>
    public static ISiloBuilder UseAnalyticsClustering(this ISiloBuilder silo, IConfiguration configuration)
    {
        var siloPort = configuration.GetValue("Orleans:SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
        var gatewayPort = configuration.GetValue("Orleans:GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
        return silo.UseLocalhostClustering(siloPort, gatewayPort);
    }
}
