using System.Text.Json.Nodes;

namespace Analytics.Tests.Reference;

/// <summary>The metrics object M of spec section 4 (cohort, activity and snapshot fields) from flat entries.</summary>
public static class MetricsBuilder
{
    public static JsonObject Build(EntrySet s) => Sorted(Fields(s));

    /// <summary>The fields of M by name, for callers that add their own (asOf, channels, brands).</summary>
    public static Dictionary<string, JsonNode?> Fields(EntrySet s)
    {
        var opened = s.Cohort.Count;
        var responded = s.Cohort.Count(c => c.Status == CohortStatus.Responded);
        var withinSla = s.Cohort.Count(c => c.WithinSla);
        var frts = s.Cohort.Where(c => c.FrtMicros is not null).Select(c => c.FrtMicros!.Value).Order().ToList();
        var backlog = s.Waiting.Where(w => w.InBacklog).ToList();
        var responseMicros = s.Responses.Sum(r => r.ResponseMicros);
        var complaints = s.Cohort.Count(c => c.Complaint);
        double? met = opened == 0 ? null : ExactSum.Of(s.Cohort.Select(c => c.Met)) / opened;
        var canned = s.Replies.Where(r => r.Canned).ToList();
        var personal = s.Replies.Where(r => !r.Canned).ToList();
        var authored = s.Cohort.Where(c => c.Authored).ToList();
        var calibration = Analytics.Domain.UnfollowCalibration.Posterior(authored.Count(c => c.Unfollowed), ExactSum.Of(authored.Select(c => c.Exposure)), ExactSum.Of(authored.Select(c => c.Exposure * c.Exposure)));

        var fields = new Dictionary<string, JsonNode?>
        {
            ["opened"] = opened,
            ["responded"] = responded,
            ["withinSla"] = withinSla,
            ["pending"] = s.Cohort.Count(c => c.Status == CohortStatus.Pending),
            ["unanswered"] = s.Cohort.Count(c => c.Status == CohortStatus.Unanswered),
            ["responseRate"] = Ratio(responded, opened),
            ["slaRate"] = Ratio(withinSla, opened),
            ["frtP50"] = NearestRank(frts, 50),
            ["frtP90"] = NearestRank(frts, 90),
            ["frtP99"] = NearestRank(frts, 99),
            ["expectedUnfollows"] = ExactSum.Of(s.Cohort.Select(c => c.Risk)),
            ["expectedAmplification"] = ExactSum.Of(s.Cohort.Select(c => c.Amplification)),
            ["inbound"] = s.Activity.Count(a => a.Field == "inbound"),
            ["outbound"] = s.Activity.Count(a => a.Field == "outbound"),
            ["follows"] = s.Activity.Count(a => a.Field == "follows"),
            ["unfollows"] = s.Activity.Count(a => a.Field == "unfollows"),
            ["responses"] = s.Responses.Count,
            ["responseTimeMeanSeconds"] = s.Responses.Count == 0
                ? null
                : RefTime.Seconds(responseMicros) / s.Responses.Count,
            ["backlog"] = backlog.Count,
            ["staleWaiting"] = s.Waiting.Count(w => !w.InBacklog),
            ["oldestWaitSeconds"] = backlog.Count == 0 ? null : RefTime.Seconds(backlog.Max(w => w.WaitMicros)),
            ["complaints"] = complaints,
            ["complaintResponseRate"] = Ratio(s.Cohort.Count(c => c.Complaint && c.Status == CohortStatus.Responded), complaints),
            ["complaintSlaRate"] = Ratio(s.Cohort.Count(c => c.WithinComplaintSla), complaints),
            ["expectationMet"] = met,
            ["engagementGap"] = 1 - met,
            ["cannedShare"] = Ratio(canned.Count, s.Replies.Count),
            ["followUpRateCanned"] = Ratio(canned.Count(r => r.FollowedUp), canned.Count),
            ["followUpRatePersonal"] = Ratio(personal.Count(r => r.FollowedUp), personal.Count),
            ["observedUnfollows"] = authored.Count(c => c.Unfollowed),
            ["calibratedPUnfollow"] = calibration.Mean,
            ["calibratedPUnfollowLow"] = calibration.Low,
            ["calibratedPUnfollowHigh"] = calibration.High,
        };
        return fields;
    }

    /// <summary>Exact nearest rank: the ceil(n*p/100)-th smallest, in integer arithmetic to avoid 0.1-style rounding.</summary>
    public static double? NearestRank(IReadOnlyList<long> sortedMicros, int percent)
    {
        if (sortedMicros.Count == 0)
        {
            return null;
        }

        var rank = ((sortedMicros.Count * percent) + 99) / 100;
        return RefTime.Seconds(sortedMicros[Math.Max(rank, 1) - 1]);
    }

    public static JsonObject Sorted(IEnumerable<KeyValuePair<string, JsonNode?>> fields) =>
        new(fields.OrderBy(f => f.Key, StringComparer.Ordinal));

    private static double? Ratio(int numerator, int denominator) =>
        denominator == 0 ? null : numerator / (double)denominator;
}
