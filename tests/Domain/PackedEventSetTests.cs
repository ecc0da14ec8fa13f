using Analytics.Domain;
using Analytics.Domain.Packing;
using Analytics.Models;

namespace Analytics.Tests.Domain;

public class PackedEventSetTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TryAppend_TakesNextEventsWithNewIds_AndRefusesAnythingElseUnchanged(int seed)
    {
        // Random conversations (multi-byte ids, channel changes, times either side of 1970) cut
        // anywhere: the packed first part with the rest appended in pieces packs as all of them,
        // and its shape's fold packs the contribution of all of them.
        // A piece that repeats an id (held or within the piece) or reaches back before the last
        // event held is refused and leaves the set as it was.
        var rng = new Random(seed);
        for (var run = 0; run < 500; run++)
        {
            var all = PackingTests.RandomEvents(rng);
            var cut = rng.Next(0, all.Count + 1);
            var set = new PackedEventSet(cut == 0 ? [] : PackedEvents.Pack(all.Take(cut).ToList()));
            Assert.Equal(cut, set.Count);
            for (var at = cut; at < all.Count;)
            {
                var piece = all.Skip(at).Take(rng.Next(1, 4)).ToList();
                var before = set.ToArray();
                Assert.False(set.TryAppend([.. piece, piece[0]]));
                if (at > 0)
                {
                    Assert.False(set.TryAppend([piece[0] with { Id = all[rng.Next(at)].Id, Timestamp = piece[^1].Timestamp + 1 }]));
                    Assert.False(set.TryAppend([all[at - 1] with { Id = "late-" + at, Timestamp = all[at - 1].Timestamp - 1 }]));
                }
                Assert.Equal(before, set.ToArray());

                Assert.True(set.TryAppend(piece));
                at += piece.Count;
                Assert.Equal(PackedEvents.Pack(all.Take(at).ToList()), set.ToArray());
                var shape = ConversationShape.Of(all.Take(at).ToList());
                Assert.Equal(PackedContribution.Pack(shape.ToContribution("", -1, 3), ChannelTable.Shared), set.Shape.Pack(3, ChannelTable.Shared));
            }
            Assert.Equal(all.Count, set.Count);
        }
    }

    [Fact]
    public void TryAppend_SameTimeAsTheLastEvent_FollowsTheIdOrder()
    {
        var first = new ConversationEvent("b", EventKind.Message, Direction.Inbound, Events.At(1), "twitter", 1);
        var set = new PackedEventSet(PackedEvents.Pack([first]));

        Assert.False(set.TryAppend([first with { Id = "a", Digest = 2 }]));
        Assert.True(set.TryAppend([first with { Id = "c", Digest = 3 }]));
        Assert.Equal(["b", "c"], PackedEvents.Unpack(set.ToArray()).Select(e => e.Id));
    }
}
