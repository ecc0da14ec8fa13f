using Analytics.Hosting;
using Analytics.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Analytics.Tests.Cluster;

/// <summary>One in-process Orleans cluster for a test collection, configured by the silo's own <see cref="SiloConfiguration.AddAnalytics"/>.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private InProcessTestCluster? cluster;

    /// <summary>The running cluster.</summary>
    public InProcessTestCluster Cluster => cluster ?? throw new InvalidOperationException("cluster not started");

    /// <summary>An engine driver over this cluster.</summary>
    public EngineDriver Engine => new(Cluster.Client, Cluster.GetSiloServiceProvider().GetRequiredService<EventPublisher>());

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Analytics:AsOf"] = nameof(AsOfMode.Replay),
                // Small batches so that a test's input really is split across many stream batches and routers.
                ["Analytics:BatchSize"] = "64",
            })
            .Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddAnalytics(configuration));
        cluster = builder.Build();
        await cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (cluster is not null) await cluster.DisposeAsync();
    }
}

/// <summary>Tests that share one cluster; each uses its own brand names.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
