using Analytics.Grains;
using Analytics.Hosting;
using Analytics.Ingest;
using Analytics.Storage;
using Analytics.Tests.Cluster;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Analytics.Tests.Redis;

/// <summary>
/// Cluster mode's checkpoint in a silo on a real Redis: a consumed batch changes its conversation
/// at once, but the conversation's state reaches Redis, its contribution the brand and its queue
/// entry an acknowledgement only with the checkpoint that was gathering when it was consumed.
/// </summary>
public class IngestCheckpointTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task ConsumedBatch_StoredTakenAndAcknowledged_OnlyByItsCheckpoint()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Analytics:AsOf"] = nameof(AsOfMode.Replay),
            ["Analytics:Redis"] = redis.Server.Connection,
            // No checkpoint but the test's own.
            ["Analytics:CheckpointInterval"] = "01:00:00",
        }).Build();
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.AddAnalytics(configuration));
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        var silo = cluster.GetSiloServiceProvider();
        var checkpoint = silo.GetRequiredService<IngestCheckpoint>();
        var backlog = silo.GetRequiredService<IIngestBacklog>();
        var engine = new EngineDriver(cluster.Client, silo.GetRequiredService<EventPublisher>());
        var conversation = cluster.Client.GetGrain<IConversationGrain>(GrainKeys.Of("Acme", "c1", -1));

        await engine.IngestAsync(
        [
            """{"id":"q","kind":"message","brand":"Acme","channel":"twitter","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z"}""",
            """{"id":"a","kind":"message","brand":"Acme","channel":"twitter","conversationId":"c1","direction":"outbound","timestamp":"2026-01-01T00:01:30Z"}""",
        ]);
        for (var wait = 0; (await conversation.GetViewAsync()).Events.Length < 2; wait++)
        {
            Assert.True(wait < 300, "the batch was not consumed within 30 s");
            await Task.Delay(100);
        }

        // Consumed, and the checkpoint that was gathering has not run: nothing stored, taken or acknowledged.
        Assert.False(await StoredAsync());
        Assert.Null((await engine.ReportAsync(["Acme"]))["brands"]?["Acme"]);
        Assert.False(await backlog.IsDrainedAsync());

        await checkpoint.CheckpointAsync();

        Assert.True(await StoredAsync());
        var acme = (await engine.ReportAsync(["Acme"]))["brands"]!["Acme"]!;
        Assert.Equal((1, 1, 90.0), ((int)acme["opened"]!, (int)acme["responded"]!, (double)acme["frtP50"]!));
        for (var wait = 0; !await backlog.IsDrainedAsync(); wait++)
        {
            Assert.True(wait < 100, "the queue entry was not acknowledged within 10 s of its checkpoint");
            await Task.Delay(100);
        }

        // Read from Redis by a storage of its own, as another silo would.
        async Task<bool> StoredAsync()
        {
            var state = new GrainState<ConversationState>();
            await new RedisGrainStorage(redis.Connection, silo.GetRequiredService<Serializer>(), "analytics")
                .ReadStateAsync(Names.ConversationState, GrainId.Create(Names.ConversationGrainType, GrainKeys.Of("Acme", "c1", -1)), state);
            return state.RecordExists;
        }
    }
}
