using Analytics.Models;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Serialization;

namespace Analytics.Tests.Ingest;

/// <summary>Batches through Orleans' serializer, as the memory streams (a batch among a message body's objects) and the Redis queue carry them.</summary>
public class EventBatchCodecTests
{
    private static readonly IServiceProvider Services = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(EventBatch).Assembly))
        .BuildServiceProvider();

    private static EventBatch RandomBatch(Random rng, int count)
    {
        string[] brands = ["AcmeHelp", "Ünïcode Care", "b"];
        string[] channels = ["twitter", "chat", ""];
        return new EventBatch([.. Enumerable.Range(0, count).Select(i =>
        {
            var kind = (EventKind)rng.Next(3);
            return new CareEvent(
                rng.Next(4) == 0 ? $"ид-{i}-💬" : rng.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture),
                kind,
                brands[rng.Next(brands.Length)],
                channels[rng.Next(channels.Length)],
                kind == EventKind.Message ? new string('c', rng.Next(0, 300)) + i : "",
                kind == EventKind.Message ? (Direction)rng.Next(1, 3) : Direction.None,
                rng.NextInt64(long.MinValue / 2, long.MaxValue / 2),
                (ulong)rng.NextInt64() * 3,
                Complaint: kind == EventKind.Message && rng.Next(3) == 0,
                Extras: Domain.PackingTests.RandomExtras(rng));
        })]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1024)]
    [InlineData(5000)]
    public void Batch_RoundTrips(int count)
    {
        var serializer = Services.GetRequiredService<Serializer<EventBatch>>();
        var batch = RandomBatch(new Random(count), count);
        var back = serializer.Deserialize(serializer.SerializeToArray(batch));
        Assert.Equal(batch.Events, back!.Events);
    }

    /// <summary>The memory streams' body holds batches as objects, and a batch appears twice when published twice: both come back, equal.</summary>
    [Fact]
    public void BatchesInAMemoryStreamBody_RoundTrip()
    {
        var serializer = Services.GetRequiredService<Serializer<MemoryMessageBody>>();
        var (a, b) = (RandomBatch(new Random(1), 50), RandomBatch(new Random(2), 70));
        var back = serializer.Deserialize(serializer.SerializeToArray(new MemoryMessageBody([a, b, a], null)));
        Assert.Equal([a.Events, b.Events, a.Events], back!.Events.Cast<EventBatch>().Select(e => e.Events));
    }

    /// <summary>The packed form is compact: brands and channels once per batch, not per event.</summary>
    [Fact]
    public void Batch_TakesAboutItsIdsAndTimes()
    {
        var serializer = Services.GetRequiredService<Serializer<EventBatch>>();
        var events = Enumerable.Range(0, 1024).Select(i => new CareEvent($"{1_000_000 + i}", EventKind.Message, "AcmeHelp", "twitter", $"c{i % 300}", Direction.Inbound, i, (ulong)i)).ToArray();
        var bytes = serializer.SerializeToArray(new EventBatch(events));
        // Per event: kind, two table numbers, 8 id bytes, 4-5 conversation bytes, 16 for time and digest.
        Assert.InRange(bytes.Length, 1024 * 31, (1024 * 33) + 100);
    }
}
