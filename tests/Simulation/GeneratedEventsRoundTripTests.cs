using System.Buffers;
using System.Text.Json;
using Analytics.Client.Infrastructure;
using Analytics.Ingest;
using Analytics.Models;
using Analytics.Simulation;

namespace Analytics.Tests.Simulation;

public class GeneratedEventsRoundTripTests
{
    [Fact]
    public void WriteLine_GeneratedEvents_ParseBackEqual()
    {
        var start = Time.FromDateTimeOffset(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var events = TrafficGenerator.Generate(new TrafficOptions { Brands = 40, FollowShare = 0.3, TimeScale = 100 }, 9, start, 20_000).ToList();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            foreach (var e in events) EventJson.WriteLine(e, writer, buffer);
        }

        var parsed = NdjsonReader.ReadAsync(new MemoryStream(buffer.WrittenMemory.ToArray())).ToBlockingEnumerable().ToList();

        Assert.All(parsed, p => Assert.Null(p.Reject));
        Assert.Equal(events, parsed.Select(p => p.Event));
        Assert.Contains(events, e => e.Kind == EventKind.Follow);
    }
}
