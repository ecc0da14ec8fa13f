namespace Analytics.Tests.Reference;

/// <summary>Turns one brand's de-duplicated events into flat entries (spec sections 2-5).</summary>
public static class BrandCollector
{
    public static BrandFacts Collect(IReadOnlyList<RefEvent> events, ReferenceParams p, ReportWindow window)
    {
        var horizon = SecondsToMicros(p.HorizonSeconds);
        var sla = SecondsToMicros(p.SlaSeconds);

        // As-of: the latest event of any kind (follow/unfollow included), or the live clock if later.
        var asOf = events.Max(e => e.Micros);
        if (p.LiveNow is { } now)
        {
            asOf = Math.Max(asOf, RefTime.ToMicros(now));
        }

        var activity = events
            .Where(e => window.Contains(e.Micros))
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => new ActivityEntry(e.Channel, e.Micros, FieldOf(e)))
            .ToList();

        var cohort = new List<CohortEntry>();
        var responses = new List<ResponseEntry>();
        var waiting = new List<WaitingEntry>();
        var replies = new List<ReplyFact>();
        var unfollows = events.Where(e => e.Kind == RefEventKind.Unfollow && e.AuthorKey != 0).ToList();
        var conversations = events
            .Where(e => e.Kind == RefEventKind.Message)
            .GroupBy(e => e.ConversationId!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var conversation in conversations)
        {
            var facts = ConversationAnalyzer.Analyze(conversation);
            responses.AddRange(facts.Responses.Where(r => window.Contains(r.EndMicros)));
            replies.AddRange(facts.Replies);
            if (facts.T0 is not { } t0 || facts.Channel is not { } channel)
            {
                continue; // brand-only thread: message volumes only
            }

            if (window.Contains(t0))
            {
                // Calibration reads settled conversations (t0 at least H before the as-of) with a known
                // customer, and whether that customer unfollowed the brand within H after t0.
                var settled = facts.AuthorKey != 0 && t0 + horizon <= asOf;
                var unfollowed = settled && unfollows.Any(u => u.AuthorKey == facts.AuthorKey && u.Micros >= t0 && u.Micros <= t0 + horizon);
                cohort.Add(ToCohort(channel, t0, facts.FrtMicros, facts.Complaint, asOf, horizon, sla, p) with { Authored = settled, Unfollowed = unfollowed });
            }

            if (facts.OpenSince is { } start)
            {
                var wait = asOf - start;
                waiting.Add(new WaitingEntry(channel, wait, wait < horizon));
            }
        }

        // Canned: some other reply of the brand (any time) shares one of its near-duplicate keys.
        var canned = replies
            .Where(r => window.Contains(r.Micros))
            .Select(r => r with { Canned = replies.Any(o => o.Id != r.Id && Enumerable.Range(0, Analytics.Models.ReplySketch.Bands).Any(b => o.Sketch[b] == r.Sketch[b])) })
            .ToList();

        // The brand's pUnfollow calibrated on its authored cohort in the window.
        var authored = cohort.Where(c => c.Authored).ToList();
        var calibrated = Analytics.Domain.UnfollowCalibration.Posterior(authored.Count(c => c.Unfollowed), ExactSum.Of(authored.Select(c => c.Exposure)), ExactSum.Of(authored.Select(c => c.Exposure * c.Exposure))).Mean;
        if (p.CalibratedRisk)
        {
            // expectedUnfollows with it: each conversation's exposure times the calibrated value.
            cohort = [.. cohort.Select(c => c with { Risk = calibrated * c.Exposure })];
        }

        var channels = events.Select(e => e.Channel).Distinct().Order(StringComparer.Ordinal).ToList();
        return new BrandFacts(asOf, channels, new EntrySet(cohort, activity, responses, waiting, canned, p.CalibratedRisk ? calibrated : null));
    }

    private static CohortEntry ToCohort(
        string channel, long t0, long? frt, bool complaint, long asOf, long horizon, long sla, ReferenceParams p)
    {
        var responded = frt is { } f && f <= horizon;
        var withinSla = frt is { } g && g <= sla;
        var status = responded ? CohortStatus.Responded
            : asOf - t0 < horizon ? CohortStatus.Pending
            : CohortStatus.Unanswered;

        // w = FRT if responded, A - t0 if pending, H if unanswered (spec section 5).
        var waitSeconds = status switch
        {
            CohortStatus.Responded => RefTime.Seconds(frt!.Value),
            CohortStatus.Pending => RefTime.Seconds(asOf - t0),
            _ => p.HorizonSeconds,
        };
        var risk = p.PUnfollow * UnfollowCurve.F(waitSeconds);
        var amplification = status == CohortStatus.Unanswered ? p.Amplification * UnfollowCurve.F(p.HorizonSeconds) : 0.0;
        var exceeded = complaint ? UnfollowCurve.FComplaint(waitSeconds) : UnfollowCurve.F(waitSeconds);
        var met = status == CohortStatus.Unanswered ? 0.0 : 1 - exceeded;
        var withinComplaintSla = complaint && frt is { } c && c <= SecondsToMicros(p.ComplaintSlaSeconds);
        return new CohortEntry(channel, t0, status, withinSla, responded ? frt : null, risk, amplification, complaint, withinComplaintSla, met, UnfollowCurve.F(waitSeconds), false, false);
    }

    private static string FieldOf(RefEvent e) => e.Kind switch
    {
        RefEventKind.Follow => "follows",
        RefEventKind.Unfollow => "unfollows",
        _ => e.Inbound ? "inbound" : "outbound",
    };

    private static long SecondsToMicros(double seconds) => (long)Math.Round(seconds * RefTime.MicrosPerSecond);
}
