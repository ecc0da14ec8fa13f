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

    private static List<string> Names((ConversationGroups Groups, List<int> Now) taken) =>
        [.. taken.Now.Select(g => $"{taken.Groups.Source.KeyOf(taken.Groups.RowsOf(g)[0]).ConversationId}:{taken.Groups.RowsOf(g).Length}").Order(StringComparer.Ordinal)];

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
        var (groups, now) = held.Take([], final: true);
        var e = groups.Source.EventOf(groups.RowsOf(Assert.Single(now))[0]);
        Assert.Equal(new ConversationEvent("x-0", EventKind.Message, Direction.Inbound, 0, "twitter", 0), e);
    }
}
