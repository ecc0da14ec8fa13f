using Analytics.Import;
using Analytics.Models;

namespace Analytics.Tests.Import;

/// <summary>Conversations wait for their next events while they may continue, and only so long.</summary>
public class HeldBackTests
{
    private const long Hour = Time.MicrosPerHour;

    private static EventColumns[] Chunk(params (string Conversation, long Time)[] events)
    {
        EventColumns[] share = [new EventColumns()];
        foreach (var (conversation, time) in events)
        {
            EventColumns.AddTo(share, new CareEvent($"{conversation}-{time}", EventKind.Message, "B", "twitter", conversation, Direction.Inbound, time, 0));
        }
        return share;
    }

    private static List<string> Names(ConversationGroups taken) =>
        [.. Enumerable.Range(0, taken.Count).Select(g => $"{taken.Source.KeyOf(taken.RowsOf(g)[0]).ConversationId}:{taken.RowsOf(g).Length}").Order(StringComparer.Ordinal)];

    [Fact]
    public void Take_QuietForTheWindow_ImportsWithEveryHeldEvent()
    {
        var held = new HeldBack { Window = 2 * Hour };
        Assert.Empty(Names(held.Take(Chunk(("a", 0), ("b", 1 * Hour)), final: false)));
        // a: quiet 3 h when the share reaches 3 h; b: its next message comes with this chunk.
        Assert.Equal(["a:1"], Names(held.Take(Chunk(("b", 2 * Hour), ("c", 3 * Hour)), final: false)));
        Assert.Equal(3, held.Events);
        Assert.Equal(["b:2", "c:1"], Names(held.Take([], final: true)));
        Assert.Equal(0, held.Events);
    }

    [Fact]
    public void Take_OverTheBound_ImportsTheLongestQuietFirst()
    {
        var held = new HeldBack { Window = 100 * Hour, MaxEvents = 4 };
        Assert.Empty(Names(held.Take(Chunk(("a", 1 * Hour), ("b", 2 * Hour), ("c", 3 * Hour), ("d", 4 * Hour)), final: false)));
        // A fifth event passes the bound of 4: the held go down to half of it, quietest first.
        Assert.Equal(["a:1", "b:1", "c:1"], Names(held.Take(Chunk(("e", 5 * Hour)), final: false)));
        Assert.Equal(2, held.Events);
    }

    [Fact]
    public void Take_HeldEventsKeepTheirFields()
    {
        var held = new HeldBack { Window = 2 * Hour };
        held.Take(Chunk(("x", 0)), final: false);
        var taken = held.Take([], final: true);
        Assert.Equal(1, taken.Count);
        var e = taken.Source.EventOf(taken.RowsOf(0)[0]);
        Assert.Equal(new ConversationEvent("x-0", EventKind.Message, Direction.Inbound, 0, "twitter", 0), e);
    }

    [Fact]
    public void Take_ManyChunks_EachConversationOnceWithAllItsEvents()
    {
        // Conversations continue across chunks, some past the window, some cut by the bound;
        // enough imported rows pile up to compact the held ones several times.
        var held = new HeldBack { Window = 3 * Hour, MaxEvents = 50_000 };
        var random = new Random(7);
        var sent = new Dictionary<string, List<string>>();
        var got = new Dictionary<string, List<string>>();
        void Count(ConversationGroups taken)
        {
            for (var g = 0; g < taken.Count; g++)
            {
                var rows = taken.RowsOf(g);
                var conversation = taken.Source.KeyOf(rows[0]).ConversationId;
                Assert.All(rows.ToArray(), r => Assert.Equal(conversation, taken.Source.KeyOf(r).ConversationId));
                Assert.False(got.ContainsKey(conversation), $"{conversation} handed out twice");
                got[conversation] = [.. rows.ToArray().Select(r => taken.Source.EventOf(r).Id)];
            }
        }
        for (var chunk = 0; chunk < 40; chunk++)
        {
            var events = Enumerable.Range(0, 10_000).Select(i =>
            {
                var conversation = $"c{(chunk * 2_000) + random.Next(4_000)}";
                var time = (chunk * Hour) + random.Next(3_600_000);
                if (!sent.TryGetValue(conversation, out var ids)) sent[conversation] = ids = [];
                ids.Add($"{conversation}-{time}");
                return (conversation, time);
            }).ToArray();
            Count(held.Take(Chunk(events), final: false));
            Assert.True(held.Events <= 50_000);
        }
        Count(held.Take([], final: true));
        Assert.Equal(0, held.Events);
        // Each conversation handed out once, with every event it was sent, in the order sent
        // (compacting moves rows and must keep each conversation's links): a conversation sent
        // again after its import would show up as a second hand-out; none did within the window.
        Assert.Equal(sent.Keys.Order(StringComparer.Ordinal), got.Keys.Order(StringComparer.Ordinal));
        Assert.All(sent, s => Assert.Equal(s.Value, got[s.Key]));
    }
}
