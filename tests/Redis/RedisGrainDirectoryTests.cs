using System.Net;
using Analytics.Grains;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Analytics.Hosting;
using Analytics.Storage;
using Orleans.GrainDirectory;

namespace Analytics.Tests.Redis;

/// <summary>
/// The conversations' directory on a real Redis keeps Orleans' directory contract: one activation
/// per grain, the first registration wins, a registration replaces only the entry it names, and
/// a dead silo's entries can be removed without touching the others.
/// </summary>
public class RedisGrainDirectoryTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly SiloAddress SiloA = SiloAddress.New(IPAddress.Loopback, 11111, 1);
    private static readonly SiloAddress SiloB = SiloAddress.New(IPAddress.Loopback, 11112, 1);

    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(ConversationState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static readonly string Prefix = "t" + Guid.NewGuid().ToString("N")[..8];

    private readonly RedisGrainStorage states = new(redis.Connection, Serializer, Prefix);

    private RedisGrainDirectory directory => new(redis.Connection, Prefix, states);

    private static GrainAddress Activation(string key, SiloAddress silo) => new()
    {
        GrainId = GrainId.Create(Names.ConversationGrainType, key),
        ActivationId = ActivationId.NewId(),
        SiloAddress = silo,
        MembershipVersion = new MembershipVersion(4),
    };

    [Fact]
    public async Task Register_FirstActivationWins_LaterOnesAreToldWhere()
    {
        var first = Activation("Acme/1", SiloA);

        Assert.Equal(first, await directory.Register(first));
        var told = await directory.Register(Activation("Acme/1", SiloB));

        Assert.Equal(first, told);
        Assert.Equal(first.MembershipVersion, told!.MembershipVersion);
    }

    [Fact]
    public async Task Register_ReadsTheConversationsStateForItsActivation_NoReadOfItsOwn()
    {
        var stored = Activation("Acme/5", SiloA);
        var written = new GrainState<ConversationState>(new ConversationState { Version = 3, Events = [1, 0] });
        await new RedisGrainStorage(redis.Connection, Serializer, Prefix).WriteStateAsync(Names.ConversationState, stored.GrainId, written);
        var fresh = Activation("Acme/6", SiloA);
        var reads = await MgetCallsAsync();

        await directory.Register(stored);
        await directory.Register(fresh);
        var (read, none) = (new GrainState<ConversationState>(), new GrainState<ConversationState>());
        await states.ReadStateAsync(Names.ConversationState, stored.GrainId, read);
        await states.ReadStateAsync(Names.ConversationState, fresh.GrainId, none);

        Assert.Equal((written.ETag, 3L), (read.ETag, read.State!.Version));
        Assert.Equal(written.State!.Events, read.State.Events);
        Assert.False(none.RecordExists);
        Assert.Equal(reads, await MgetCallsAsync());
        // Taken once: a later activation reads Redis.
        await states.ReadStateAsync(Names.ConversationState, stored.GrainId, read);
        Assert.Equal(reads + 1, await MgetCallsAsync());
    }

    [Fact]
    public async Task Register_WhileTheSiloHoldsAStagedState_ActivationReadsTheNewerOne()
    {
        // An earlier activation here staged version 2 over the stored version 1; its commit stores
        // it after the registration read Redis and before the new activation reads.
        var conversation = Activation("Acme/7", SiloA);
        var state = new GrainState<ConversationState>(new ConversationState { Version = 1, Events = [1, 0] });
        await states.WriteStateAsync(Names.ConversationState, conversation.GrainId, state);
        state.State = new ConversationState { Version = 2, Events = [1, 0] };
        states.Stage(conversation.GrainId, state, new StaleFlag());

        await directory.Register(conversation);
        await states.FlushStagedAsync();
        var read = new GrainState<ConversationState>();
        await states.ReadStateAsync(Names.ConversationState, conversation.GrainId, read);

        Assert.Equal((state.ETag, 2L), (read.ETag, read.State!.Version));
    }

    [Fact]
    public async Task Lookup_AnswersNothing_EvenForARegisteredConversation()
    {
        // Conversations are found by registering (see RedisGrainDirectory): a lookup would cost a
        // round trip per activation and almost always find nothing.
        var registered = Activation("Acme/2", SiloA);
        await directory.Register(registered);

        Assert.Null(await directory.Lookup(registered.GrainId));
    }

    [Fact]
    public async Task RegisterNamingTheEntryItReplaces_Replaces()
    {
        var first = Activation("Acme/3", SiloA);
        var second = Activation("Acme/3", SiloB);
        await directory.Register(first);

        // As Orleans does for an entry of a dead silo.
        Assert.Equal(second, await directory.Register(second, first));
        Assert.Equal(second, await directory.Register(Activation("Acme/3", SiloA)));
        // Naming an entry that is not the one held replaces nothing.
        Assert.Equal(second, await directory.Register(Activation("Acme/3", SiloA), first));
    }

    [Fact]
    public async Task Unregister_OnlyTheActivationRegistered()
    {
        var registered = Activation("Acme/4", SiloA);
        await directory.Register(registered);

        await directory.Unregister(Activation("Acme/4", SiloA));
        Assert.Equal(registered, await directory.Register(Activation("Acme/4", SiloB)));
        await directory.Unregister(registered);
        var next = Activation("Acme/4", SiloB);
        Assert.Equal(next, await directory.Register(next));
    }

    [Fact]
    public async Task UnregisterSilos_RemovesTheDeadSilosEntriesOnly()
    {
        var onA = Enumerable.Range(0, 30).Select(i => Activation($"Acme/a{i}", SiloA)).ToList();
        var onB = Enumerable.Range(0, 30).Select(i => Activation($"Acme/b{i}", SiloB)).ToList();
        await Task.WhenAll(onA.Concat(onB).Select(directory.Register));

        await directory.UnregisterSilos([SiloA]);

        // A's conversations can be activated anew; B's are still where they were.
        var again = onA.Select(a => Activation(a.GrainId.Key.ToString()!, SiloB)).ToList();
        Assert.Equal(again, await Task.WhenAll(again.Select(directory.Register)));
        Assert.Equal(onB, await Task.WhenAll(onB.Select(b => directory.Register(Activation(b.GrainId.Key.ToString()!, SiloA)))));
    }

    private async Task<long> MgetCallsAsync()
    {
        await using var admin = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Server.Connection + ",allowAdmin=true");
        var stats = await admin.GetServer(admin.GetEndPoints()[0]).InfoAsync("commandstats");
        return stats.SelectMany(g => g).Where(kv => kv.Key == "cmdstat_mget")
            .Sum(kv => long.Parse(kv.Value.Split("calls=")[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture));
    }
}
