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

    private const int Partitions = 32;
    private readonly string prefix = "t" + Guid.NewGuid().ToString("N")[..8];

    private RedisGrainStorage NewSilosStorage() => new(redis.Connection, Serializer, prefix, Partitions);

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

    [Theory]
    [InlineData("Acme", "c1")]
    [InlineData("Acme/Support%", "c/2")]
    [InlineData("Café ☕", "ça-3")]
    [InlineData("日本", "会話")]
    public async Task StagedConversation_StoredUnderItsKeyName_JoinsItsBrandsIndex(string brand, string conversationId)
    {
        var storage = NewSilosStorage();
        var id = Conversation(brand, conversationId);
        var state = new GrainState<ConversationState>(State(1, Message("m1", 100, Direction.Inbound)));
        storage.Stage(id, state, new StaleFlag(), storage.FenceOf(id));
        await storage.FlushStagedAsync();

        // The key is spelled out in full, as operators and older silos know it.
        var db = await redis.Connection.DatabaseAsync();
        Assert.True(await db.KeyExistsAsync($"{prefix}:state:conversation:conversation/{GrainKeys.Of(brand, conversationId, -1)}"));
        var found = Assert.Single(await NewSilosStorage().ConversationsOfAsync(brand));
        Assert.Equal(GrainKeys.Of(brand, conversationId, -1), found.GrainKey);
        Assert.Equal(state.State!.Events, found.State.Events);
    }

    [Fact]
    public async Task WrittenManyTimes_ETagCountsOnPastTheFirstOnes()
    {
        var storage = NewSilosStorage();
        var id = Conversation("Acme", "many");
        var state = new GrainState<ConversationState>(State(1));
        for (var i = 0; i < 70; i++) await storage.WriteStateAsync(Names.ConversationState, id, state);

        Assert.Equal("0000000000000000070", state.ETag);
        var read = new GrainState<ConversationState>();
        await NewSilosStorage().ReadStateAsync(Names.ConversationState, id, read);
        Assert.Equal(state.ETag, read.ETag);
        // A stale ETag is still refused.
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(Names.ConversationState, id, new GrainState<ConversationState>(State(1)) { ETag = "0000000000000000069" }));
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
        storage.Stage(id, staged, new StaleFlag(), storage.FenceOf(id));

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
        storage.Stage(id, state, stale, storage.FenceOf(id));
        state.State = State(2, Message("m1", 100, Direction.Inbound), Message("m2", 200, Direction.Outbound));
        storage.Stage(id, state, stale, storage.FenceOf(id));
        var before = await CallsAsync("cmdstat_mset");

        await storage.FlushStagedAsync();

        Assert.Equal(1, await CallsAsync("cmdstat_mset") - before);
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
        var storage = new RedisGrainStorage(connection, Serializer, prefix, Partitions);
        var id = Conversation("Acme", "s3");
        var state = new GrainState<ConversationState>(State(1, Message("m1", 100, Direction.Inbound)));
        storage.Stage(id, state, new StaleFlag(), storage.FenceOf(id));

        server.Kill();
        await Assert.ThrowsAnyAsync<Exception>(storage.FlushStagedAsync);
        // Staged again meanwhile: written over what Redis holds (nothing), as the first one would have been.
        state.State = State(2, Message("m1", 100, Direction.Inbound), Message("m2", 300, Direction.Outbound));
        storage.Stage(id, state, new StaleFlag(), storage.FenceOf(id));
        await server.StartAgainAsync();
        await RetryAsync(storage.FlushStagedAsync);

        var read = new GrainState<ConversationState>();
        await new RedisGrainStorage(connection, Serializer, prefix, Partitions).ReadStateAsync(Names.ConversationState, id, read);
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
        silo1.Stage(id, state1, stale1, silo1.FenceOf(id));
        state2.State = State(4, [.. theirs.OrderBy(e => e, EventOrder.Instance)]);
        silo2.Stage(id, state2, stale2, silo2.FenceOf(id));

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
    public async Task Fenced_PartitionClaimed_WrittenInATransactionWithoutTheScript()
    {
        var id = Conversation("Acme", "f1");
        var storage = NewSilosStorage();
        await storage.ClaimAsync(storage.FenceOf(id).Partition);
        var fence = storage.FenceOf(id);
        var (scripts, transactions) = (await CallsAsync("cmdstat_evalsha"), await CallsAsync("cmdstat_exec"));

        storage.Stage(id, new GrainState<ConversationState>(State(1, Message("m1", 100, Direction.Inbound))), new StaleFlag(), fence);
        Assert.Empty(await storage.FlushStagedAsync());

        Assert.NotEqual(0, fence.Token);
        Assert.Equal((scripts, transactions + 1), (await CallsAsync("cmdstat_evalsha"), await CallsAsync("cmdstat_exec")));
        var read = new GrainState<ConversationState>();
        await NewSilosStorage().ReadStateAsync(Names.ConversationState, id, read);
        Assert.Equal(State(1, Message("m1", 100, Direction.Inbound)).Events, read.State!.Events);
        // A first state joins its brand's index, from which the brand is rebuilt.
        Assert.Equal(GrainKeys.Of("Acme", "f1", -1), Assert.Single(await NewSilosStorage().ConversationsOfAsync("Acme")).GrainKey);
    }

    [Fact]
    public async Task Fenced_ClaimOvertakenWhileTheOldOwnerStillWrites_NoEventLost()
    {
        // Silo 1's router held the partition; silo 2's router claimed it while silo 1 still had
        // the conversation active. Each stages events the other lacks, under its own claim.
        var id = Conversation("Acme", "f2");
        var first = Message("m1", 100, Direction.Inbound);
        var (silo1, silo2, partition, fence1, state1) = await FirstStoredUnderSilo1sClaimAsync(id, first);

        await silo2.ClaimAsync(partition);
        var fence2 = silo2.FenceOf(id);
        var state2 = new GrainState<ConversationState>();
        await silo2.ReadStateAsync(Names.ConversationState, id, state2);

        // The old owner's fenced write no longer holds: it is checked (and finds nothing newer),
        // and it raises the epoch, so the new owner's next write is checked too.
        state1.State = State(2, first, Message("m2", 200, Direction.Outbound));
        silo1.Stage(id, state1, new StaleFlag(), fence1);
        Assert.Empty(await silo1.FlushStagedAsync());
        state2.State = State(2, first, Message("m3", 300, Direction.Inbound));
        var stale2 = new StaleFlag();
        silo2.Stage(id, state2, stale2, fence2);
        var merged = Assert.Single(await silo2.FlushStagedAsync());

        var expected = PackedEvents.Pack([first, Message("m2", 200, Direction.Outbound), Message("m3", 300, Direction.Inbound)]);
        Assert.Equal(expected, merged.State.Events);
        Assert.True(stale2.IsSet);
        var read = new GrainState<ConversationState>();
        await NewSilosStorage().ReadStateAsync(Names.ConversationState, id, read);
        Assert.Equal(expected, read.State!.Events);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Fenced_PartitionMovedAwayAndBack_AStateReadBeforeTheMergeIsChecked(bool commitBetween)
    {
        // Silo 1 claims the partition, silo 2 takes it over and writes, silo 1 claims it back while
        // its old activation still holds the conversation. A new activation that read the old one's
        // state (from the commit under way, or still staged) stages under silo 1's current claim,
        // and must still not overwrite silo 2's event.
        var id = Conversation("Acme", "f3");
        var first = Message("m1", 100, Direction.Inbound);
        var (silo1, silo2, partition, old, state1) = await FirstStoredUnderSilo1sClaimAsync(id, first);
        await silo2.ClaimAsync(partition);
        var state2 = new GrainState<ConversationState>();
        await silo2.ReadStateAsync(Names.ConversationState, id, state2);
        state2.State = State(2, first, Message("m2", 200, Direction.Outbound));
        silo2.Stage(id, state2, new StaleFlag(), silo2.FenceOf(id));
        await silo2.FlushStagedAsync();
        await silo1.ClaimAsync(partition);

        state1.State = State(2, first, Message("m3", 300, Direction.Inbound));
        silo1.Stage(id, state1, new StaleFlag(), old);
        if (commitBetween) Assert.Single(await silo1.FlushStagedAsync());
        state1.State = State(3, first, Message("m3", 300, Direction.Inbound), Message("m4", 400, Direction.Outbound));
        silo1.Stage(id, state1, new StaleFlag(), silo1.FenceOf(id));
        await silo1.FlushStagedAsync();

        var read = new GrainState<ConversationState>();
        await NewSilosStorage().ReadStateAsync(Names.ConversationState, id, read);
        Assert.Equal(["m1", "m2", "m3", "m4"], PackedEvents.Unpack(read.State!.Events).Select(e => e.Id));
    }

    // Two silos' storages; silo 1 claims the conversation's partition and stores its first event
    // under that claim. Answers silo 1's fence and its grain state.
    private async Task<(RedisGrainStorage Silo1, RedisGrainStorage Silo2, int Partition, Fence Fence1, GrainState<ConversationState> State1)> FirstStoredUnderSilo1sClaimAsync(GrainId id, ConversationEvent first)
    {
        var (silo1, silo2) = (NewSilosStorage(), NewSilosStorage());
        var partition = silo1.FenceOf(id).Partition;
        await silo1.ClaimAsync(partition);
        var fence1 = silo1.FenceOf(id);
        var state1 = new GrainState<ConversationState>(State(1, first));
        silo1.Stage(id, state1, new StaleFlag(), fence1);
        await silo1.FlushStagedAsync();
        return (silo1, silo2, partition, fence1, state1);
    }

    [Fact]
    public void FenceOf_ThePartitionThePublisherSendsTheConversationsEventsTo()
    {
        var storage = NewSilosStorage();
        for (var i = 0; i < 200; i++)
        {
            // Escaped and non-ASCII brands and conversation ids too: the fence reads them from the key's bytes.
            var brand = (i % 4) switch { 0 => $"Brand{i % 7}", 1 => "Acme/Support%", 2 => "Café ☕", _ => "日本" };
            var conversationId = i % 3 == 0 ? $"c{i}" : $"ça/{i}";
            var message = new CareEvent($"e{i}", EventKind.Message, brand, "twitter", conversationId, Direction.Inbound, 1, 0);
            var unfollow = message with { Kind = EventKind.Unfollow, ConversationId = "" };
            Assert.Equal(Analytics.Ingest.EventPublisher.PartitionOf(message, Partitions), storage.FenceOf(Conversation(brand, conversationId)).Partition);
            var audience = GrainId.Create(Names.ConversationGrainType, GrainKeys.Audience(brand, $"e{i}"));
            Assert.Equal(Analytics.Ingest.EventPublisher.PartitionOf(unfollow, Partitions), storage.FenceOf(audience).Partition);
        }
        // Unclaimed on this silo: no token, so its writes are checked.
        Assert.Equal(0, storage.FenceOf(Conversation("Brand0", "c0")).Token);
    }

    [Fact]
    public async Task StaleStateAndRedisAway_CommitFails_NextCommitMergesIt()
    {
        await using var server = await RedisServer.StartAsync();
        await using var connection = new RedisConnection(server.Connection + ",connectTimeout=500,asyncTimeout=1000");
        var (silo1, silo2) = (new RedisGrainStorage(connection, Serializer, prefix, Partitions), new RedisGrainStorage(connection, Serializer, prefix, Partitions));
        var id = Conversation("Acme", "s5");
        var first = Message("m1", 100, Direction.Inbound);
        var (state1, state2) = (new GrainState<ConversationState>(State(1, first)), new GrainState<ConversationState>(State(1, first)));
        silo1.Stage(id, state1, new StaleFlag(), silo1.FenceOf(id));
        silo2.Stage(id, state2, new StaleFlag(), silo2.FenceOf(id));
        await silo1.FlushStagedAsync();
        // Both held version 1 of the conversation; silo2's differs and Redis goes before its commit.
        state2.State = State(2, first, Message("m2", 200, Direction.Outbound));
        silo2.Stage(id, state2, new StaleFlag(), silo2.FenceOf(id));

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
        storage.Stage(id, state, new StaleFlag(), storage.FenceOf(id));

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
