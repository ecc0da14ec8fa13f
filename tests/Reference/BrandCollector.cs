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
        var conversations = events
            .Where(e => e.Kind == RefEventKind.Message)
            .GroupBy(e => e.ConversationId!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var conversation in conversations)
        {
            var facts = ConversationAnalyzer.Analyze(conversation);
            responses.AddRange(facts.Responses.Where(r => window.Contains(r.EndMicros)));
            if (facts.T0 is not { } t0 || facts.Channel is not { } channel)
            {
                continue; // brand-only thread: message volumes only
            }

            if (window.Contains(t0))
            {
                cohort.Add(ToCohort(channel, t0, facts.FrtMicros, facts.Complaint, asOf, horizon, sla, p));
            }

            if (facts.OpenSince is { } start)
            {
                var wait = asOf - start;
                waiting.Add(new WaitingEntry(channel, wait, wait < horizon));
            }
        }

        var channels = events.Select(e => e.Channel).Distinct().Order(StringComparer.Ordinal).ToList();
        return new BrandFacts(asOf, channels, new EntrySet(cohort, activity, responses, waiting));
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
        return new CohortEntry(channel, t0, status, withinSla, responded ? frt : null, risk, amplification, complaint, withinComplaintSla, met);
    }

    private static string FieldOf(RefEvent e) => e.Kind switch
    {
        RefEventKind.Follow => "follows",
        RefEventKind.Unfollow => "unfollows",
        _ => e.Inbound ? "inbound" : "outbound",
    };

    private static long SecondsToMicros(double seconds) => (long)Math.Round(seconds * RefTime.MicrosPerSecond);
}
