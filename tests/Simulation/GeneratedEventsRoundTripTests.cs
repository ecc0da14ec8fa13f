using System.Buffers;
using System.Text.Json;
using Analytics.Client.Infrastructure;
using Analytics.Ingest;
using Analytics.Models;
using Analytics.Simulation;

namespace Analytics.Tests.Simulation;

public class GeneratedEventsRoundTripTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WriteLine_GeneratedEvents_ParseBackEqual(bool text)
    {
        var start = Time.FromDateTimeOffset(new DateTimeOffset(2026, 1, 5, 8, 0, 0, TimeSpan.Zero));
        var events = TrafficGenerator.Generate(new TrafficOptions { Brands = 40, FollowShare = 0.3, TimeScale = 100, Text = text }, 9, start, 20_000).ToList();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            foreach (var e in events) EventJson.WriteLine(e, writer, buffer);
        }

        var parsed = NdjsonReader.ReadAsync(new MemoryStream(buffer.WrittenMemory.ToArray())).ToBlockingEnumerable().ToList();

        Assert.All(parsed, p => Assert.Null(p.Reject));
        Assert.Equal(events, parsed.Select(p => p.Event));
        Assert.Contains(events, e => e.Kind == EventKind.Follow);
        if (!text)
        {
            Assert.All(events, e => Assert.Null(e.Extras));
            return;
        }
        // With text: complaints among the customers' messages, reply sketches on the brands', authors on unfollows.
        var inbound = events.Where(e => e.Direction == Direction.Inbound).ToList();
        Assert.InRange(inbound.Count(e => e.Complaint) / (double)inbound.Count, 0.1, 0.5);
        Assert.All(events.Where(e => e.Direction == Direction.Outbound), e => Assert.NotNull(e.Extras!.Sketch));
        Assert.All(events.Where(e => e.Kind == EventKind.Unfollow), e => Assert.NotEqual(0UL, e.Extras!.AuthorKey));
        Assert.InRange(events.Where(e => e.Extras?.Text is not null).Average(e => e.Extras!.Text!.Length), 20, 200);
    }
}
