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
/// conversations can be found again from their states alone. Staged conversation states (written
/// behind, by commits) are read before they are stored, written once however often staged, kept
/// through a commit that fails, and merged when another activation stored first. States read
/// ahead by a router are taken once by the activations that follow, after any staged state.
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

    [Fact]
    public async Task StagedState_ReadBeforeItsCommit_StoredByIt()
    {
        var id = Conversation("Acme", "s1");
        var storage = NewSilosStorage();
        var staged = new GrainState<ConversationState>(State(1, Message("m1", 100, Direction.Inbound)));
        storage.Stage(id, staged, new StaleFlag());

        var here = new GrainState<ConversationState>();
        await storage.ReadStateAsync(Names.ConversationState, id, here);
        var elsewhere = new GrainState<ConversationState>();
        await NewSilosStorage().ReadStateAsync(Names.ConversationState, id, elsewhere);
        Assert.Equal(staged.ETag, here.ETag);
        Assert.Equal(staged.State!.Events, here.State!.Events);
        Assert.False(elsewhere.RecordExists);

        Assert.Empty(await storage.FlushStagedAsync());
        await NewSilosStorage().ReadStateAsync(Names.ConversationState, id, elsewhere);
        Assert.Equal(staged.ETag, elsewhere.ETag);
        Assert.Equal(staged.State.Events, elsewhere.State!.Events);
    }

    [Fact]
    public async Task StagedTwiceBetweenCommits_WrittenOnce_AsTheLatest()
    {
        var id = Conversation("Twice", "s2");
        var storage = NewSilosStorage();
        var state = new GrainState<ConversationState>(State(1, Message("m1", 100, Direction.Inbound)));
        var stale = new StaleFlag();
        storage.Stage(id, state, stale);
        state.State = State(2, Message("m1", 100, Direction.Inbound), Message("m2", 200, Direction.Outbound));
        storage.Stage(id, state, stale);
        var before = await ScriptCallsAsync();

        await storage.FlushStagedAsync();

        Assert.Equal(1, await ScriptCallsAsync() - before);
        var read = new GrainState<ConversationState>();
        await NewSilosStorage().ReadStateAsync(Names.ConversationState, id, read);
        Assert.Equal((state.ETag, 2L), (read.ETag, read.State!.Version));
        Assert.Equal(state.State.Events, read.State.Events);
        // It joined its brand's index with the first staging, which the second replaced.
        Assert.Single(await storage.ConversationsOfAsync("Twice"));
        Assert.False(stale.IsSet);
    }

    [Fact]
    public async Task CommitFails_StatesStayStaged_NextCommitStoresThem()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = new RedisConnection(server.Connection + ",connectTimeout=500,asyncTimeout=1000");
        var storage = new RedisGrainStorage(connection, Serializer, prefix);
        var id = Conversation("Acme", "s3");
        var state = new GrainState<ConversationState>(State(1, Message("m1", 100, Direction.Inbound)));
        storage.Stage(id, state, new StaleFlag());

        server.Kill();
        await Assert.ThrowsAnyAsync<Exception>(storage.FlushStagedAsync);
        // Staged again meanwhile: written over what Redis holds (nothing), as the first one would have been.
        state.State = State(2, Message("m1", 100, Direction.Inbound), Message("m2", 300, Direction.Outbound));
        storage.Stage(id, state, new StaleFlag());
        await server.StartAgainAsync();
        await RetryAsync(storage.FlushStagedAsync);

        var read = new GrainState<ConversationState>();
        await new RedisGrainStorage(connection, Serializer, prefix).ReadStateAsync(Names.ConversationState, id, read);
        Assert.Equal((state.ETag, 2L), (read.ETag, read.State!.Version));
        Assert.Equal(state.State.Events, read.State.Events);
        Assert.Single(await storage.ConversationsOfAsync("Acme"));
    }

    [Fact]
    public async Task TwoActivationsStaged_SecondCommit_MergesTheirEventsAboveBothVersions()
    {
        // Two silos each hold an activation of the conversation (a partition that moved while the
        // old owner still had it): both read version 1 and staged different events, one of them a
        // conflicting copy of an event the other holds.
        var id = Conversation("Acme", "s4");
        var first = Message("m1", 100, Direction.Inbound);
        var mine = new[] { first, Message("m2", 200, Direction.Outbound), Message("x", 250, Direction.Inbound) };
        var theirs = new[] { first, Message("m3", 300, Direction.Inbound), Message("x", 250, Direction.Inbound) with { Digest = 99 } };
        await NewSilosStorage().WriteStateAsync(Names.ConversationState, id, new GrainState<ConversationState>(State(1, first)));
        var (silo1, silo2) = (NewSilosStorage(), NewSilosStorage());
        var (state1, state2) = (new GrainState<ConversationState>(), new GrainState<ConversationState>());
        await silo1.ReadStateAsync(Names.ConversationState, id, state1);
        await silo2.ReadStateAsync(Names.ConversationState, id, state2);
        var (stale1, stale2) = (new StaleFlag(), new StaleFlag());
        state1.State = State(2, [.. mine.OrderBy(e => e, EventOrder.Instance)]);
        silo1.Stage(id, state1, stale1);
        state2.State = State(4, [.. theirs.OrderBy(e => e, EventOrder.Instance)]);
        silo2.Stage(id, state2, stale2);

        Assert.Empty(await silo1.FlushStagedAsync());
        var merged = Assert.Single(await silo2.FlushStagedAsync());

        // The union by the conversation's own rules, recomputed here from all the events.
        var all = new EventSet();
        AddCounts.AddAll(all, [.. mine, .. theirs]);
        Assert.Equal(GrainKeys.Of("Acme", "s4", -1), merged.GrainKey);
        Assert.Equal(5, merged.State.Version);
        Assert.Equal(PackedEvents.Pack(all.Ordered), merged.State.Events);
        Assert.Equal((false, true), (stale1.IsSet, stale2.IsSet));
        var read = new GrainState<ConversationState>();
        await NewSilosStorage().ReadStateAsync(Names.ConversationState, id, read);
        Assert.Equal(5L, read.State!.Version);
        Assert.Equal(merged.State.Events, read.State.Events);
    }

    [Fact]
    public async Task StaleStateAndRedisAway_CommitFails_NextCommitMergesIt()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = new RedisConnection(server.Connection + ",connectTimeout=500,asyncTimeout=1000");
        var (silo1, silo2) = (new RedisGrainStorage(connection, Serializer, prefix), new RedisGrainStorage(connection, Serializer, prefix));
        var id = Conversation("Acme", "s5");
        var first = Message("m1", 100, Direction.Inbound);
        var (state1, state2) = (new GrainState<ConversationState>(State(1, first)), new GrainState<ConversationState>(State(1, first)));
        silo1.Stage(id, state1, new StaleFlag());
        silo2.Stage(id, state2, new StaleFlag());
        await silo1.FlushStagedAsync();
        // Both held version 1 of the conversation; silo2's differs and Redis goes before its commit.
        state2.State = State(2, first, Message("m2", 200, Direction.Outbound));
        silo2.Stage(id, state2, new StaleFlag());

        server.Kill();
        await Assert.ThrowsAnyAsync<Exception>(silo2.FlushStagedAsync);
        await server.StartAgainAsync();
        var merged = Assert.Single(await RetryAsync(silo2.FlushStagedAsync));

        Assert.Equal(3, merged.State.Version);
        Assert.Equal(PackedEvents.Pack([first, Message("m2", 200, Direction.Outbound)]), merged.State.Events);
    }

    // Redis answers again a moment after it restarts: the connection reconnects by itself.
    private static async Task<T> RetryAsync<T>(Func<Task<T>> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action();
            }
            catch (Exception) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task ReadAhead_EachActivationTakesItsStateOnce_WithoutAReadOfItsOwn()
    {
        var (stored, fresh) = (Conversation("Acme", "r1"), Conversation("Acme", "r2"));
        await NewSilosStorage().WriteStateAsync(Names.ConversationState, stored, new GrainState<ConversationState>(State(3, Message("m1", 100, Direction.Inbound))));
        var storage = NewSilosStorage();
        var before = await CallsAsync("cmdstat_mget");

        await storage.PrefetchAsync([stored, fresh]);
        var (a, b) = (new GrainState<ConversationState>(), new GrainState<ConversationState>());
        await storage.ReadStateAsync(Names.ConversationState, stored, a);
        await storage.ReadStateAsync(Names.ConversationState, fresh, b);

        Assert.Equal(before + 1, await CallsAsync("cmdstat_mget"));
        Assert.Equal(3, a.State!.Version);
        Assert.True(a.RecordExists);
        Assert.False(b.RecordExists);
        // Taken: a second activation asks Redis.
        await storage.ReadStateAsync(Names.ConversationState, stored, new GrainState<ConversationState>());
        Assert.Equal(before + 2, await CallsAsync("cmdstat_mget"));
    }

    [Fact]
    public async Task ReadAhead_AStagedStateIsNewer_TheReadTakesTheStagedOne()
    {
        var id = Conversation("Acme", "r3");
        var storage = NewSilosStorage();
        var state = new GrainState<ConversationState>(State(1));
        await storage.WriteStateAsync(Names.ConversationState, id, state);
        await storage.PrefetchAsync([id]);
        state.State = State(2);
        storage.Stage(id, state, new StaleFlag());

        var read = new GrainState<ConversationState>();
        await storage.ReadStateAsync(Names.ConversationState, id, read);

        Assert.Equal(2, read.State!.Version);
    }

    [Fact]
    public async Task ReadAhead_Forgotten_TheReadAsksRedis()
    {
        var id = Conversation("Acme", "r4");
        var storage = NewSilosStorage();
        await storage.WriteStateAsync(Names.ConversationState, id, new GrainState<ConversationState>(State(1)));
        await storage.PrefetchAsync([id]);
        storage.ForgetPrefetched([id]);
        var elsewhere = new GrainState<ConversationState>();
        await NewSilosStorage().ReadStateAsync(Names.ConversationState, id, elsewhere);
        elsewhere.State!.Version = 5;
        await NewSilosStorage().WriteStateAsync(Names.ConversationState, id, elsewhere);

        var read = new GrainState<ConversationState>();
        await storage.ReadStateAsync(Names.ConversationState, id, read);

        Assert.Equal(5, read.State!.Version);
    }

    // Scripts Redis ran so far.
    private Task<long> ScriptCallsAsync() => CallsAsync("cmdstat_eval");

    // Calls of the commands whose INFO commandstats entry starts with the prefix (INFO needs an admin connection of its own).
    private async Task<long> CallsAsync(string prefix)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(redis.Server.Connection + ",allowAdmin=true");
        var stats = await admin.GetServer(admin.GetEndPoints()[0]).InfoAsync("commandstats");
        return stats.SelectMany(g => g).Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Sum(kv => long.Parse(kv.Value.Split("calls=")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture));
    }
}
