using Analytics.Hosting;
using Analytics.Ingest;
using Analytics.Tests.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace Analytics.Tests.Redis;

/// <summary>
/// Cluster mode registers conversations in no directory (<see cref="Storage.CallerSiloDirectory"/>):
/// each silo activates the conversations it calls. Two in-process silos on a real Redis: a
/// drill-down through either silo, the writer's or the other, shows every event ingested so far,
/// and each event is counted once.
/// </summary>
public class ConversationPlacementTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static string Line(string id, string direction, string author, string timestamp) =>
        $$"""{"id": "{{id}}", "kind": "message", "brand": "PlaceHelp", "channel": "twitter", "conversationId": "p1", "author": "{{author}}", "direction": "{{direction}}", "timestamp": "{{timestamp}}"}""";

    [Fact]
    public async Task DrillDown_ThroughEitherSilo_ShowsTheLatestEvents()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Analytics:AsOf"] = nameof(AsOfMode.Replay),
            ["Analytics:Redis"] = redis.Server.Connection,
        }).Build();
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) => silo.AddAnalytics(configuration));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var engine = new EngineDriver(cluster.Client, cluster.GetSiloServiceProvider().GetRequiredService<EventPublisher>());
        var silos = cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<IGrainFactory>()).ToList();

        async Task<List<string>> IdsSeenThroughEachSiloAsync() =>
            [.. (await Task.WhenAll(silos.Select(g => g.GetGrain<IConversationGrain>(GrainKeys.Conversation("PlaceHelp", "p1")).GetViewAsync())))
                .Select(v => string.Join(",", v.Events.Select(e => e.Id)))];

        await engine.IngestAsync([Line("m1", "inbound", "ann", "2024-03-01T09:00:00Z")]);
        await engine.CaughtUpAsync();
        Assert.Equal(["m1", "m1"], await IdsSeenThroughEachSiloAsync());

        // The reply is written by the router's silo; the other silo's drill-down must not answer
        // from the copy it read before.
        await engine.IngestAsync([Line("r1", "outbound", "PlaceHelp", "2024-03-01T09:10:00Z"), Line("m1", "inbound", "ann", "2024-03-01T09:00:00Z")]);
        await engine.CaughtUpAsync();
        Assert.Equal(["m1,r1", "m1,r1"], await IdsSeenThroughEachSiloAsync());

        var brand = (await engine.ReportAsync(["PlaceHelp"]))["brands"]!["PlaceHelp"]!;
        Assert.Equal(1, (int)brand["opened"]!);
        Assert.Equal(1, (int)brand["responded"]!);
    }
}
