using Analytics.Domain;
using Analytics.Domain.Packing;
using Analytics.Models;
using Analytics.Tests.Domain;

namespace Analytics.Tests.Cluster;

/// <summary>A conversation grain taking a live exchange call by call reports what its whole event set says.</summary>
[Collection(ClusterCollection.Name)]
public class ConversationGrainTests(ClusterFixture fixture)
{
    [Theory]
    [InlineData(11, false)]
    [InlineData(12, false)]
    [InlineData(13, true)]
    public async Task AddAsync_CallByCall_ContributionIsTheShapeOfAllEvents(int seed, bool deactivateBetweenCalls)
    {
        // Mostly the next messages in order (appended to the packed events, and folded into the
        // kept shape of a busy conversation), with late events, repeats and conflicting copies
        // among them (the shape is derived again); the conversation stays active (busy) or is
        // collected after each call and activated from its stored state by the next.
        var rng = new Random(seed);
        var grain = fixture.Cluster.Client.GetGrain<IConversationGrain>(GrainKeys.Conversation(Scoped.New().Brand("B"), "c"));
        var all = new EventSet();
        var sent = new List<ConversationEvent>();
        var at = Events.Base;
        for (var call = 0; call < 60; call++)
        {
            var batch = new List<ConversationEvent>();
            for (var i = rng.Next(1, 4); i > 0; i--)
            {
                var e = rng.Next(10) switch
                {
                    0 when sent.Count > 0 => sent[rng.Next(sent.Count)],
                    1 when sent.Count > 0 => sent[rng.Next(sent.Count)] with { Digest = (ulong)rng.NextInt64(), Timestamp = at - rng.NextInt64(Time.MicrosPerHour) },
                    2 => new ConversationEvent($"late{call}-{i}", EventKind.Message, Direction.Inbound, at - rng.NextInt64(Time.MicrosPerHour), "email", (ulong)rng.NextInt64()),
                    _ => new ConversationEvent($"m{call}-{i}", EventKind.Message, (Direction)rng.Next(1, 3), at += rng.NextInt64(1, 10 * Time.MicrosPerMinute), rng.Next(4) == 0 ? "email" : "twitter", (ulong)rng.NextInt64()),
                };
                batch.Add(e);
                sent.Add(e);
                all.Add(e);
            }

            var result = await grain.AddAsync([.. batch]);
            if (deactivateBetweenCalls) await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

            var expected = ConversationShape.Of(all.Ordered);
            var update = PackedContribution.Unpack("", result.Update!, ChannelTable.Of(result.Channels));
            Assert.Equal((expected.MaxTimestamp, expected.Cohort, expected.WaitingSince), (update.MaxTimestamp, update.Cohort, update.WaitingSince));
            Assert.Equal(expected.Activity, update.Activity);
        }
    }
}
