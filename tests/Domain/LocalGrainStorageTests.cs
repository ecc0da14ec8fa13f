using Analytics.Grains;
using Analytics.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Analytics.Tests.Domain;

public class LocalGrainStorageTests
{
    private static readonly LocalGrainStorage Storage = new(new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(ConversationState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>());

    private static GrainId Id(string type, string key) => GrainId.Create(type, key);

    private static async Task<GrainState<ConversationState>> ReadAsync(GrainId id)
    {
        var state = new GrainState<ConversationState>();
        await Storage.ReadStateAsync("s", id, state);
        return state;
    }

    private static Task WriteAsync(GrainId id, long version, params byte[] events) =>
        Storage.WriteStateAsync("s", id, new GrainState<ConversationState>(new ConversationState { Events = events, Version = version }));

    [Fact]
    public async Task KeepsEachGrainsLatestState_ByTypeAndKey()
    {
        var ids = Enumerable.Range(0, 500).Select(i => Id(i % 2 == 0 ? "conversation" : "other", $"brand/c{i / 2}")).ToList();
        foreach (var (id, i) in ids.Select((id, i) => (id, i))) await WriteAsync(id, i, (byte)i, 1, 2);
        // Overwrite every third: the new state replaces the old one, nothing else changes.
        foreach (var (id, i) in ids.Select((id, i) => (id, i)).Where(x => x.i % 3 == 0)) await WriteAsync(id, i + 1000, 9);

        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            var read = await ReadAsync(id);
            Assert.True(read.RecordExists);
            Assert.Equal(i % 3 == 0 ? i + 1000 : i, read.State!.Version);
            Assert.Equal(i % 3 == 0 ? [9] : new byte[] { (byte)i, 1, 2 }, read.State!.Events);
        }
    }

    [Fact]
    public async Task MissingAndClearedGrains_ReadAsNew()
    {
        var id = Id("conversation", "brand/cleared");
        await WriteAsync(id, 5, 1);
        var state = new GrainState<ConversationState>();
        await Storage.ClearStateAsync("s", id, state);

        foreach (var missing in new[] { id, Id("conversation", "brand/never"), Id("conversation", "brand/cleare") })
        {
            var read = await ReadAsync(missing);
            Assert.False(read.RecordExists);
            Assert.Equal(0, read.State!.Version);
        }
    }
}
