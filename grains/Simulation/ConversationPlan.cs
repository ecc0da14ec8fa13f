using Analytics.Domain;
using Analytics.Models;

namespace Analytics.Simulation;

/// <summary>
/// Plans a whole conversation at once: the customer writes (sometimes after a brand's outreach),
/// may nudge while waiting, the brand answers after its own typical delay or never, a few rounds
/// of back and forth may follow, a "thanks" sometimes ends it, and the customer may follow the
/// brand, or unfollow it the more likely the longer they waited (the spec's curve F).
/// Delays are drawn in real seconds and divided by <see cref="TrafficOptions.TimeScale"/> last.
/// </summary>
internal static class ConversationPlan
{
    private const double BrandFirstShare = 0.04;
    private const double NudgeChance = 0.3;
    private const double NudgeMedianSeconds = 20 * 60;
    private const double AnswerBackChance = 0.4;
    private const double AnswerBackMedianSeconds = 8 * 60;
    private const double LaterReplyChance = 0.85;
    private const int MaxRounds = 4;
    private const double ThanksChance = 0.3;
    private const double ThanksMedianSeconds = 5 * 60;
    private const double UnfollowMedianSeconds = 30 * 60;
    private const double UnansweredWaitSeconds = 24 * 3600;
    private const double LongestDelaySeconds = 14 * 24 * 3600;

    /// <summary>Appends the steps of one conversation of <paramref name="brand"/> on a channel whose replies take <paramref name="channelPace"/> times the brand's usual.</summary>
    public static void Plan(Random rng, BrandProfile brand, double channelPace, TrafficOptions options, List<PlannedStep> steps)
    {
        var scale = 1 / options.TimeScale;
        void Add(double seconds, EventKind kind, Direction direction) =>
            steps.Add(new PlannedStep((long)(seconds * scale * Time.MicrosPerSecond), kind, direction));
        double Delay(double median) => Math.Min(rng.LogNormal(median, 1.0), LongestDelaySeconds);

        var t0 = 0.0;
        if (rng.Chance(BrandFirstShare))
        {
            Add(0, EventKind.Message, Direction.Outbound);
            t0 = Delay(AnswerBackMedianSeconds);
        }
        Add(t0, EventKind.Message, Direction.Inbound);
        if (rng.Chance(options.FollowShare)) Add(t0 + (rng.NextDouble() * 300), EventKind.Follow, Direction.None);

        var answered = !rng.Chance(brand.UnansweredShare);
        var reply = t0 + Math.Min(rng.LogNormal(brand.MedianReply.TotalSeconds * channelPace, options.ReplySpread), LongestDelaySeconds);
        var last = t0;
        while (rng.Chance(NudgeChance))
        {
            var nudge = last + Delay(NudgeMedianSeconds);
            if (answered && nudge >= reply) break;
            Add(nudge, EventKind.Message, Direction.Inbound);
            last = nudge;
        }
        if (!answered)
        {
            MaybeUnfollow(rng, options, UnansweredWaitSeconds, t0 + (3600 * (1 + (rng.NextDouble() * 23))), Add);
            return;
        }

        Add(reply, EventKind.Message, Direction.Outbound);
        MaybeUnfollow(rng, options, reply - t0, reply + Delay(UnfollowMedianSeconds), Add);
        last = reply;
        var brandSpokeLast = true;
        for (var round = 0; round < MaxRounds && brandSpokeLast && rng.Chance(AnswerBackChance); round++)
        {
            last += Delay(AnswerBackMedianSeconds);
            Add(last, EventKind.Message, Direction.Inbound);
            brandSpokeLast = rng.Chance(LaterReplyChance);
            if (!brandSpokeLast) break;
            last += Math.Min(rng.LogNormal(brand.MedianReply.TotalSeconds * channelPace / 2, options.ReplySpread), LongestDelaySeconds);
            Add(last, EventKind.Message, Direction.Outbound);
        }
        // A thanks after the last reply starts a waiting period nobody ends: stale waiting, as in real data.
        if (brandSpokeLast && rng.Chance(ThanksChance)) Add(last + Delay(ThanksMedianSeconds), EventKind.Message, Direction.Inbound);
    }

    private static void MaybeUnfollow(Random rng, TrafficOptions options, double waitedSeconds, double at, Action<double, EventKind, Direction> add)
    {
        if (rng.Chance(options.UnfollowScale * UnfollowRisk.F(waitedSeconds))) add(at, EventKind.Unfollow, Direction.None);
    }
}
