using System.Net;
using Analytics.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Runtime.GrainDirectory;

namespace Analytics.Tests.Cluster;

/// <summary>
/// Cluster mode's address cache: every conversation is answered as on this silo, and none is held;
/// every other grain's address is kept, updated and dropped by Orleans' own cache.
/// </summary>
public class ConversationAddressCacheTests
{
    private static readonly SiloAddress Local = SiloAddress.New(IPAddress.Loopback, 11111, 1);
    private static readonly SiloAddress Other = SiloAddress.New(IPAddress.Loopback, 11112, 1);

    private static ConversationAddressCache NewCache() => new(
        GrainDirectoryCacheFactory.CreateGrainDirectoryCache(new ServiceCollection().BuildServiceProvider(), new GrainDirectoryOptions()),
        new ThisSilo(Local));

    private static GrainId Conversation(string key) => GrainId.Create(Names.ConversationGrainType, key);

    private static GrainId Brand(string key) => GrainId.Create("brand", key);

    [Fact]
    public void Conversation_AnsweredAsOnThisSilo_NeverHeld()
    {
        var cache = NewCache();
        var id = Conversation("Acme/c1");
        cache.AddOrUpdate(new GrainAddress { GrainId = id, SiloAddress = Other }, 3);

        Assert.True(cache.LookUp(id, out var address, out _));
        Assert.Equal(id, address.GrainId);
        Assert.Equal(Local, address.SiloAddress);
        Assert.Empty(cache.KeyValues);
        Assert.False(cache.Remove(id));
    }

    [Fact]
    public void OtherGrains_KeptUpdatedAndDropped()
    {
        var cache = NewCache();
        var brand = Brand("Acme");
        Assert.False(cache.LookUp(brand, out _, out _));

        cache.AddOrUpdate(new GrainAddress { GrainId = brand, SiloAddress = Other }, 2);
        Assert.True(cache.LookUp(brand, out var address, out var version));
        Assert.Equal((Other, 2), (address.SiloAddress, version));
        Assert.Single(cache.KeyValues);

        Assert.True(cache.Remove(brand));
        Assert.False(cache.LookUp(brand, out _, out _));
    }

    private sealed record ThisSilo(SiloAddress SiloAddress) : ILocalSiloDetails
    {
        public string Name => "test";
        public string ClusterId => "test";
        public string DnsHostName => "localhost";
        public SiloAddress GatewayAddress => SiloAddress;
    }
}
