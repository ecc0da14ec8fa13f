using Analytics.Domain;
using Analytics.Domain.Packing;
using Analytics.Models;
using static Analytics.Tests.Domain.Events;

namespace Analytics.Tests.Domain;

public class ConversationShapeTests
{
    private static ConversationShape Shape(params ConversationEvent[] events)
    {
        var set = new EventSet();
        foreach (var e in events) set.Add(e);
        return ConversationShape.Of(set.Ordered);
    }

    private static ConversationEvent Complaint(string id, double minutes) => In(id, minutes) with { Complaint = true };

    [Fact]
    public void Of_ComplaintBeforeTheFirstResponse_MakesAComplaint_AfterItDoesNot()
    {
        Assert.True(Shape(Complaint("1", 0), Out("2", 10)).Cohort!.Complaint);
        // The customer's second message, still waiting for the first answer.
        Assert.True(Shape(In("1", 0), Complaint("2", 5), Out("3", 10)).Cohort!.Complaint);
        // Unanswered: any complaint counts.
        Assert.True(Shape(In("1", 0), Complaint("2", 5)).Cohort!.Complaint);
        // After the first response the cohort's outcome is decided.
        Assert.False(Shape(In("1", 0), Out("2", 10), Complaint("3", 12)).Cohort!.Complaint);
        // At the response's own time, by EventOrder: id "0" sorts before the response "2", "9" after it.
        Assert.True(Shape(In("1", 0), Out("2", 10), Complaint("0", 10)).Cohort!.Complaint);
        Assert.False(Shape(In("1", 0), Out("2", 10), Complaint("9", 10)).Cohort!.Complaint);
        // A brand's outbound message flagged a complaint (impossible from the parser) is not the customer's.
        Assert.False(Shape(In("1", 0), Out("2", 10) with { Complaint = true }).Cohort!.Complaint);
    }

    [Fact]
    public void Of_ComplaintFlag_IsTheSameFromFactsAndThroughTheRunningFold()
    {
        var events = new[] { In("1", 0), Complaint("2", 3), Out("3", 10), Complaint("4", 12) };
        var running = ConversationShape.Running.Of(events);
        var viaRunning = PackedContribution.Unpack("c", running.Pack(1, ChannelTable.Shared), ChannelTable.Shared);
        Assert.True(viaRunning.Cohort!.Complaint);
        Assert.Equal(ConversationShape.Of(events).Cohort, viaRunning.Cohort);
        Assert.Equal(ConversationShape.Of(events.Select(EventFacts.Of).ToArray()).Cohort, viaRunning.Cohort);
    }

    [Fact]
    public void Of_InboundThenOutbound_FrtIsTheGap()
    {
        var shape = Shape(In("1", 0), Out("2", 10));
        Assert.Equal(new Cohort(At(0), "twitter", 10 * Time.MicrosPerMinute), shape.Cohort);
        Assert.Null(shape.WaitingSince);
    }

    [Fact]
    public void Of_FollowUpAfterResponse_SecondPeriodDoesNotChangeFrt()
    {
        // c1 of the worked example: 9:00 in, 9:10 out, 9:12 in, 11:12 out.
        var shape = Shape(In("1", 0), Out("2", 10), In("3", 12), Out("4", 132));
        Assert.Equal(10 * Time.MicrosPerMinute, shape.Cohort!.Frt);
        var responses = shape.Activity.Sum(a => a.Responses);
        var sum = shape.Activity.Sum(a => a.ResponseTimeSum);
        Assert.Equal(2, responses);
        Assert.Equal((10 + 120) * Time.MicrosPerMinute, sum);
    }

    [Fact]
    public void Of_OutboundBeforeFirstInbound_IsNotAResponse()
    {
        var shape = Shape(Out("9", 0), In("10", 30));
        Assert.Equal(At(30), shape.Cohort!.T0);
        Assert.Null(shape.Cohort.Frt);
        Assert.Equal(At(30), shape.WaitingSince);
        Assert.Equal(0, shape.Activity.Sum(a => a.Responses));
        Assert.Equal(1, shape.Activity.Sum(a => a.Outbound));
    }

    [Fact]
    public void Of_EqualTimestampOutboundSortsAfter_EndsThePeriodWithZeroFrt()
    {
        var shape = Shape(Out("13", 0), In("12", 0));
        Assert.Equal(0, shape.Cohort!.Frt);
        Assert.Null(shape.WaitingSince);
    }

    [Fact]
    public void Of_EqualTimestampOutboundSortsBefore_IsNotAResponse()
    {
        // "a" < "b" ordinally: the outbound comes first in the spec's order, before t0.
        var shape = Shape(Out("a", 0), In("b", 0));
        Assert.Null(shape.Cohort!.Frt);
        Assert.Equal(At(0), shape.WaitingSince);
    }

    [Fact]
    public void Of_TwoInboundsInARow_PeriodStartsAtTheFirst()
    {
        var shape = Shape(In("1", 0), In("2", 5), Out("3", 20));
        Assert.Equal(20 * Time.MicrosPerMinute, shape.Cohort!.Frt);
        Assert.Equal(20 * Time.MicrosPerMinute, shape.Activity.Sum(a => a.ResponseTimeSum));
    }

    [Fact]
    public void Of_ChannelOfConversation_IsChannelOfT0Message()
    {
        var shape = Shape(Out("0", 0, "email"), In("1", 1, "facebook"), In("2", 2, "twitter"));
        Assert.Equal("facebook", shape.Cohort!.Channel);
    }

    [Fact]
    public void Of_ResponseCountedInMinuteAndChannelOfEndingMessage()
    {
        var shape = Shape(In("1", 0, "twitter"), Out("2", 90, "email"));
        var ending = Assert.Single(shape.Activity, a => a.Responses == 1);
        Assert.Equal(Time.MinuteOf(At(90)), ending.Minute);
        Assert.Equal("email", ending.Channel);
    }

    [Fact]
    public void Of_NoInbound_HasNoCohortButCountsVolume()
    {
        var shape = Shape(Out("1", 0), Out("2", 1));
        Assert.Null(shape.Cohort);
        Assert.Equal(2, shape.Activity.Sum(a => a.Outbound));
    }

    [Fact]
    public void Of_FollowEvents_CountOnlyAsFollows()
    {
        var shape = Shape(Follow("f1", 0), Follow("f2", 0));
        Assert.Null(shape.Cohort);
        Assert.Equal(2, shape.Activity.Sum(a => a.Follows));
        Assert.Equal(0, shape.Activity.Sum(a => a.Inbound));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Running_NextEventsInOrder_PacksTheContributionOfAll(int seed)
    {
        // Random conversations (any kind, direction, channel, minutes apart or the same minute),
        // cut in up to three places: the running fold of the first part with each next part
        // appended, and the fold of all of them packed, pack the contribution of the shape of all.
        var rng = new Random(seed);
        string[] channels = ["twitter", "email", "facebook"];
        for (var run = 0; run < 300; run++)
        {
            var set = new EventSet();
            var at = Events.Base;
            for (var i = rng.Next(1, 30); i > 0; i--)
            {
                var kind = rng.Next(10) switch { 0 => EventKind.Follow, 1 => EventKind.Unfollow, _ => EventKind.Message };
                var direction = kind == EventKind.Message ? (Direction)rng.Next(1, 3) : Direction.None;
                at += rng.Next(3) == 0 ? 0 : rng.NextInt64(1, 3 * Time.MicrosPerMinute);
                set.Add(new ConversationEvent($"e{rng.Next(1_000_000)}", kind, direction, at, channels[rng.Next(channels.Length)], (ulong)rng.NextInt64()));
            }
            var all = set.Ordered;
            var cuts = Enumerable.Range(0, 3).Select(_ => rng.Next(0, all.Count + 1)).Order().ToArray();
            var expected = PackedContribution.Pack(ConversationShape.Of(all).ToContribution("", -1, 7), ChannelTable.Shared);

            var running = ConversationShape.Running.Of(all.Take(cuts[0]).ToList());
            running.Append(all.Take(cuts[1]).ToList(), cuts[0]);
            running.Append(all.Take(cuts[2]).ToList(), cuts[1]);
            running.Append(all, cuts[2]);

            Assert.Equal(expected, running.Pack(7, ChannelTable.Shared));
            Assert.Equal(expected, new PackedEventSet(PackedEvents.Pack(all)).Shape.Pack(7, ChannelTable.Shared));
        }
    }
}
