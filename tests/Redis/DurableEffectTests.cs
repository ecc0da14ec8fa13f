using Analytics.Hosting;
using Analytics.Ingest;
using Analytics.Models;
using Analytics.Storage;
using Analytics.Tests.Cluster;
using Analytics.Tests.Reference;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Analytics.Tests.Redis;

/// <summary>
/// The engine on the Redis stream provider and Redis storage (two in-process silos, the silo's
/// own configuration): once every queue batch is acknowledged, its whole effect is already in
/// Redis, read here straight from Redis and not through any grain, so no silo's memory could
/// supply what Redis lacks.
/// </summary>
public class DurableEffectTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task CaughtUp_EveryBatchAcknowledged_EffectAlreadyInRedis()
    {
        var lines = EventGenerator.Perturb(EventGenerator.Generate(31, new GeneratorOptions(Brands: 3, Conversations: 300)), 31);
        var distinct = ReferenceReport.Deduplicate(lines);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Analytics:AsOf"] = nameof(AsOfMode.Replay),
            ["Analytics:Redis"] = redis.Server.Connection,
            // Small batches: many queue entries, acknowledged one by one.
            ["Analytics:BatchSize"] = "64",
        }).Build();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddAnalytics(configuration));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var silo = cluster.GetSiloServiceProvider();

        var engine = new EngineDriver(cluster.Client, silo.GetRequiredService<EventPublisher>());
        await engine.IngestAsync(lines);
        await engine.CaughtUpAsync();

        // The conversations' states as a brand that activates reads them.
        var store = new RedisStoredContributions(new RedisGrainStorage(redis.Connection, silo.GetRequiredService<Serializer>(), "analytics", 32));
        long stored = 0;
        foreach (var brand in distinct.Select(e => e.Brand).Distinct())
        {
            foreach (var c in await store.LoadAsync(brand)) stored += c.Activity.Sum(a => a.Inbound + a.Outbound + a.Follows + a.Unfollows);
        }
        Assert.Equal(distinct.Count, stored);
    }
}
