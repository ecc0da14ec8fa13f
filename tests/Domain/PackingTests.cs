using Analytics.Domain;
using Analytics.Domain.Packing;
using Analytics.Models;

namespace Analytics.Tests.Domain;

public class PackingTests
{
    private static readonly string[] Channels = ["twitter", "chat", "email", "ünïcode-chännel", ""];

    /// <summary>Extras in every combination of their parts (or none), texts with multi-byte characters and empty ones.</summary>
    internal static MessageExtras? RandomExtras(Random rng) => rng.Next(3) == 0 ? null : new MessageExtras(
        rng.Next(2) == 0 ? null : new ReplySketch((uint)rng.Next(), (uint)rng.Next(), (uint)rng.Next(), (uint)rng.Next(), (uint)rng.Next()),
        rng.Next(2) == 0 ? 0 : (ulong)rng.NextInt64(1, long.MaxValue),
        rng.Next(2) == 0 ? null : "author-" + rng.Next(100),
        rng.Next(3) switch { 0 => null, 1 => "", _ => new string('x', rng.Next(0, 300)) + " ünïcödé 💬" });

    /// <summary>A seeded random conversation: any kind, direction and channel, ids with multi-byte characters, times before and after 1970.</summary>
    internal static List<ConversationEvent> RandomEvents(Random rng)
    {
        var set = new EventSet();
        var origin = rng.Next(2) == 0 ? Events.Base : -Events.Base;
        for (var i = rng.Next(1, 9); i > 0; i--)
        {
            var kind = (EventKind)rng.Next(3);
            var direction = kind == EventKind.Message ? (Direction)rng.Next(1, 3) : Direction.None;
            var id = rng.Next(4) == 0 ? $"ид-{rng.Next(1000)}-💬" : rng.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var complaint = direction == Direction.Inbound && rng.Next(3) == 0;
            set.Add(new ConversationEvent(id, kind, direction, origin + rng.NextInt64(-Time.MicrosPerHour * 30, Time.MicrosPerHour * 30), Channels[rng.Next(Channels.Length)], (ulong)rng.NextInt64() * 3, complaint, RandomExtras(rng)));
        }
        return set.Ordered;
    }

    [Fact]
    public void Events_RoundTrip()
    {
        var rng = new Random(7);
        for (var n = 0; n < 2000; n++)
        {
            var events = RandomEvents(rng);
            Assert.Equal(events, PackedEvents.Unpack(PackedEvents.Pack(events)));
        }
        Assert.Empty(PackedEvents.Unpack([]));
    }

    [Fact]
    public void Events_RoundTrip_IdsSharingPrefixesAndHalvesOfSurrogatePairs()
    {
        // 💬 and 💭 share their high surrogate: a shared prefix must not end between the halves.
        string[] ids = ["a💬x", "a💭y", "a💭yz", "", "b", "a💬"];
        var events = ids.Select((id, i) => new ConversationEvent(id, EventKind.Message, Direction.Inbound, Events.At(i), "chat", (ulong)i)).ToList();
        var packed = PackedEvents.Pack(events);
        Assert.Equal(events, PackedEvents.Unpack(packed));
        Assert.True(packed.Length < PackedEvents.Pack([.. events.Select(e => e with { Id = e.Id + "|" + e.Id })]).Length - 20);
    }

    [Fact]
    public void Contribution_RoundTrip_ThroughRecordsAndTheHeldArena()
    {
        var rng = new Random(11);
        var held = new HeldConversations();
        var records = new ContributionRecords();
        var sent = new List<Contribution>();
        for (var n = 0; n < 2000; n++)
        {
            var shape = ConversationShape.Of(RandomEvents(rng));
            var c = new Contribution($"c{n}-ид", -1, rng.NextInt64(1, long.MaxValue - 1), shape.MaxTimestamp, shape.Cohort, shape.WaitingSince, shape.Activity);
            records.Add(c);
            sent.Add(c);
        }
        var batch = records.ToBatch();

        Assert.Equal(2000, batch.Count);
        var reader = new ContributionRecordReader(batch.Span);
        var i = 0;
        while (reader.Next(out var key, out var packed))
        {
            var c = sent[i++];
            Assert.Equal(c.ConversationId, System.Text.Encoding.UTF8.GetString(key));
            var place = held.Find(key);
            Assert.False(place.Found);
            held.Hold(place, key, packed);
            var back = PackedContribution.Unpack(c.ConversationId, held.Held(held.Find(key)), ChannelTable.Shared);
            Assert.Equal(c with { Activity = [] }, back with { Activity = [] });
            Assert.Equal(c.Activity, back.Activity);
            Assert.Equal(c.Version, held.VersionOf(c.ConversationId));
        }
        Assert.Equal(2000, i);
        Assert.InRange(sent.Count(c => c.Cohort is not null), 500, 1999); // both shapes were exercised
        Assert.Equal(2000, held.Count);
        Assert.Equal(sent.Select(c => c.ConversationId).Order(), held.All(ChannelTable.Shared).Select(c => c.ConversationId).Order());
        Assert.Null(held.VersionOf("c2000"));
    }

    /// <summary>The import's fold straight into bytes packs exactly what the shape's objects pack, for any events (with and without a cohort, responses, waiting and several cells).</summary>
    [Fact]
    public void ShapeFromFacts_PacksAsTheShapesContribution()
    {
        var rng = new Random(11);
        for (var n = 0; n < 2000; n++)
        {
            var events = RandomEvents(rng);
            var facts = events.Select(EventFacts.Of).ToArray();
            var version = rng.NextInt64(1, 1L << 40);
            var viaShape = new ContributionRecords();
            viaShape.Add("c"u8, version, ConversationShape.Of(events));
            var viaFacts = new ContributionRecords();
            viaFacts.Add("c"u8, version, facts);
            Assert.Equal(viaShape.ToBatch().Span.ToArray(), viaFacts.ToBatch().Span.ToArray());
            var expected = ConversationShape.Of(events).ToContribution("c", -1, version);
            var back = Assert.Single(BrandLedger.Unpack(viaFacts.ToBatch()));
            Assert.Equal(expected with { Activity = [], Replies = null, Unfollows = null }, back with { Activity = [], Replies = null, Unfollows = null });
            Assert.Equal(expected.Activity, back.Activity);
            Assert.Equal(expected.Replies, back.Replies);
            Assert.Equal(expected.Unfollows, back.Unfollows);
        }
    }

    [Fact]
    public void Truncated_Throws()
    {
        var events = PackedEvents.Pack(RandomEvents(new Random(3)));
        Assert.Throws<FormatException>(() => PackedEvents.Unpack(events.AsSpan(0, events.Length - 1)));
        var c = ConversationShape.Of(RandomEvents(new Random(4)));
        var channels = new ChannelTable();
        var w = new PackWriter(64);
        PackedContribution.Write(ref w, new Contribution("c", -1, 1, c.MaxTimestamp, c.Cohort, c.WaitingSince, c.Activity), channels);
        var packed = w.ToArray();
        w.Dispose();
        Assert.Throws<FormatException>(() => PackedContribution.Unpack("c", packed.AsSpan(0, packed.Length - 1), channels));
    }

    [Fact]
    public void ChannelTable_EqualNamesOfOtherInstances_NumberedAsTheTablesOwn()
    {
        // Found by reference for the table's own strings (Named), by value for any other instance,
        // past the handful scanned by reference too.
        var table = new ChannelTable();
        var names = Enumerable.Range(0, 12).Select(i => $"channel-{i}").ToArray();
        var own = names.Select(table.Named).ToArray();
        for (var i = 0; i < names.Length; i++)
        {
            var copy = new string(names[i].AsSpan());
            Assert.Same(own[i], table.Named(copy));
            Assert.Equal(i, table.NumberOf(copy));
            Assert.Equal(i, table.NumberOf(own[i]));
            Assert.Equal(names[i], table.NameOf(i));
        }
    }
}
