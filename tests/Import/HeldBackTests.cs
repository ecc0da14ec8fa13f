using Analytics.Domain;
using Analytics.Import;
using Analytics.Models;

namespace Analytics.Tests.Import;

/// <summary>Conversations wait for their next events while they may continue, and only so long.</summary>
public class HeldBackTests
{
    private const long Hour = Time.MicrosPerHour;

    private static Dictionary<ConversationKey, List<ConversationEvent>> Chunk(params (string Conversation, long Time)[] events) =>
        events.GroupBy(e => new ConversationKey("B", e.Conversation, -1))
            .ToDictionary(g => g.Key, g => g.Select(e => new ConversationEvent(e.Conversation + "-" + e.Time, EventKind.Message, Direction.Inbound, e.Time, "twitter", 0)).ToList());

    private static List<string> Names(List<KeyValuePair<ConversationKey, List<ConversationEvent>>> taken) =>
        [.. taken.Select(t => $"{t.Key.ConversationId}:{t.Value.Count}").Order(StringComparer.Ordinal)];

    [Fact]
    public void Take_QuietForTheWindow_ImportsWithEveryHeldEvent()
    {
        var held = new HeldBack { Window = 2 * Hour };
        Assert.Empty(held.Take(Chunk(("a", 0), ("b", 1 * Hour)), final: false));
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
        Assert.Empty(held.Take(Chunk(("a", 1 * Hour), ("b", 2 * Hour), ("c", 3 * Hour), ("d", 4 * Hour)), final: false));
        // A fifth event passes the bound of 4: the held go down to half of it, quietest first.
        Assert.Equal(["a:1", "b:1", "c:1"], Names(held.Take(Chunk(("e", 5 * Hour)), final: false)));
        Assert.Equal(2, held.Events);
    }
}
