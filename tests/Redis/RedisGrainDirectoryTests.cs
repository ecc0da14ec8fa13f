using System.Net;
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

    private readonly RedisGrainDirectory directory = new(redis.Connection, "t" + Guid.NewGuid().ToString("N")[..8]);

    private static GrainAddress Activation(string key, SiloAddress silo) => new()
    {
        GrainId = GrainId.Create(Names.ConversationGrainType, key),
        ActivationId = ActivationId.NewId(),
        SiloAddress = silo,
        MembershipVersion = new MembershipVersion(4),
    };

    [Fact]
    public async Task Register_Lookup_SameAddress()
    {
        var a = Activation("Acme/1", SiloA);

        Assert.Equal(a, await directory.Register(a));
        var found = await directory.Lookup(a.GrainId);

        Assert.Equal(a, found);
        Assert.Equal(a.MembershipVersion, found!.MembershipVersion);
    }

    [Fact]
    public async Task SecondActivation_Registers_FirstIsKeptAndAnswered()
    {
        var first = Activation("Acme/2", SiloA);
        var second = Activation("Acme/2", SiloB);
        await directory.Register(first);

        Assert.Equal(first, await directory.Register(second));
        Assert.Equal(first, await directory.Lookup(first.GrainId));
        // Naming the entry it replaces (as Orleans does for an entry of a dead silo) replaces it.
        Assert.Equal(second, await directory.Register(second, first));
        Assert.Equal(second, await directory.Lookup(first.GrainId));
    }

    [Fact]
    public async Task Unregister_OnlyTheActivationRegistered()
    {
        var registered = Activation("Acme/3", SiloA);
        await directory.Register(registered);

        await directory.Unregister(Activation("Acme/3", SiloA));
        Assert.Equal(registered, await directory.Lookup(registered.GrainId));
        await directory.Unregister(registered);
        Assert.Null(await directory.Lookup(registered.GrainId));
    }

    [Fact]
    public async Task UnregisterSilos_RemovesTheDeadSilosEntriesOnly()
    {
        var onA = Enumerable.Range(0, 30).Select(i => Activation($"Acme/a{i}", SiloA)).ToList();
        var onB = Enumerable.Range(0, 30).Select(i => Activation($"Acme/b{i}", SiloB)).ToList();
        await Task.WhenAll(onA.Concat(onB).Select(directory.Register));

        await directory.UnregisterSilos([SiloA]);

        Assert.All(await Task.WhenAll(onA.Select(a => directory.Lookup(a.GrainId))), Assert.Null);
        Assert.Equal(onB, await Task.WhenAll(onB.Select(b => directory.Lookup(b.GrainId))));
    }
}
