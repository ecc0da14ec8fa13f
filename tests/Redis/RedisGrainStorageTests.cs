using Analytics.Domain;
using Analytics.Domain.Packing;
using Analytics.Grains;
using Analytics.Hosting;
using Analytics.Models;
using Analytics.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace Analytics.Tests.Redis;

/// <summary>
/// Cluster mode's grain storage on a real Redis: states survive into another silo's storage,
/// a stale writer is refused, writes of many grains at once share round trips, and a brand's
/// conversations can be found again from their states alone.
/// </summary>
public class RedisGrainStorageTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(ConversationState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private readonly string prefix = "t" + Guid.NewGuid().ToString("N")[..8];

    private RedisGrainStorage NewSilosStorage() => new(redis.Connection, Serializer, prefix);

    private static GrainId Conversation(string brand, string id) => GrainId.Create(Names.ConversationGrainType, GrainKeys.Of(brand, id, -1));

    private static ConversationState State(long version, params ConversationEvent[] events) => new() { Version = version, Events = PackedEvents.Pack(events) };

    private static ConversationEvent Message(string id, long timestamp, Direction direction) =>
        new(id, EventKind.Message, direction, timestamp, "twitter", (ulong)id.Length);

    [Fact]
    public async Task WrittenState_ReadByAnotherSilosStorage_SameStateAndETag()
    {
        var id = Conversation("Acme", "c1");
        var written = new GrainState<ConversationState>(State(3, Message("m1", 100, Direction.Inbound)));
        await NewSilosStorage().WriteStateAsync(Names.ConversationState, id, written);

        var read = new GrainState<ConversationState>();
        await NewSilosStorage().ReadStateAsync(Names.ConversationState, id, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(3, read.State!.Version);
        Assert.Equal(written.State!.Events, read.State!.Events);
    }

    [Fact]
    public async Task TwoActivations_SecondWritesAfterFirst_RefusedAndFirstKept()
    {
        var id = Conversation("Acme", "c2");
        var storage = NewSilosStorage();
        await storage.WriteStateAsync(Names.ConversationState, id, new GrainState<ConversationState>(State(1)));
        var first = new GrainState<ConversationState>();
        var second = new GrainState<ConversationState>();
        await storage.ReadStateAsync(Names.ConversationState, id, first);
        await NewSilosStorage().ReadStateAsync(Names.ConversationState, id, second);

        first.State!.Version = 2;
        await storage.WriteStateAsync(Names.ConversationState, id, first);
        second.State!.Version = 7;
        await Assert.ThrowsAsync<InconsistentStateException>(() => NewSilosStorage().WriteStateAsync(Names.ConversationState, id, second));

        var now = new GrainState<ConversationState>();
        await storage.ReadStateAsync(Names.ConversationState, id, now);
        Assert.Equal(2, now.State!.Version);
    }

    [Fact]
    public async Task ClearedState_ReadsAsNew()
    {
        var id = Conversation("Acme", "c3");
        var storage = NewSilosStorage();
        var state = new GrainState<ConversationState>(State(1));
        await storage.WriteStateAsync(Names.ConversationState, id, state);
        await storage.ClearStateAsync(Names.ConversationState, id, state);

        var read = new GrainState<ConversationState>();
        await NewSilosStorage().ReadStateAsync(Names.ConversationState, id, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(0, read.State!.Version);
    }

    [Fact]
    public async Task ManyGrainsWritingAtOnce_ShareRoundTrips()
    {
        var storage = NewSilosStorage();
        var before = await ScriptCallsAsync();

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i =>
            storage.WriteStateAsync(Names.ConversationState, Conversation("Busy", $"c{i}"), new GrainState<ConversationState>(State(1)))));

        var calls = await ScriptCallsAsync() - before;
        Assert.InRange(calls, 1, 50);
        Assert.Equal(500, (await storage.ConversationsOfAsync("Busy")).Count);
    }

    [Fact]
    public async Task BrandsConversations_FoundFromStatesAlone_OnceEachWithLatestState()
    {
        var storage = NewSilosStorage();
        var events = new Dictionary<string, ConversationEvent[]>
        {
            ["c1"] = [Message("a", 100_000_000, Direction.Inbound), Message("b", 400_000_000, Direction.Outbound)],
            ["c2"] = [Message("c", 200, Direction.Inbound)],
        };
        foreach (var (conversation, all) in events)
        {
            // Written twice, as a conversation that changes: the brand must see it once, as last written.
            var state = new GrainState<ConversationState>(State(1, all[0]));
            await storage.WriteStateAsync(Names.ConversationState, Conversation("Acme", conversation), state);
            state.State = State(2, all);
            await storage.WriteStateAsync(Names.ConversationState, Conversation("Acme", conversation), state);
        }
        await storage.WriteStateAsync(Names.ConversationState, Conversation("Other", "c9"), new GrainState<ConversationState>(State(1, Message("z", 1, Direction.Inbound))));

        var contributions = await new RedisStoredContributions(NewSilosStorage()).LoadAsync("Acme");

        Assert.Equal(["c1", "c2"], contributions.Select(c => c.ConversationId).Order());
        Assert.All(contributions, c => Assert.Equal(2, c.Version));
        var c1 = contributions.Single(c => c.ConversationId == "c1");
        Assert.Equal(300_000_000, c1.Cohort!.Frt);
    }

    // Scripts Redis ran so far (INFO needs an admin connection of its own).
    private async Task<long> ScriptCallsAsync()
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Server.Connection + ",allowAdmin=true");
        var stats = await admin.GetServer(admin.GetEndPoints()[0]).InfoAsync("commandstats");
        return stats.SelectMany(g => g).Where(kv => kv.Key.StartsWith("cmdstat_eval", StringComparison.Ordinal))
            .Sum(kv => long.Parse(kv.Value.Split("calls=")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture));
    }
}
