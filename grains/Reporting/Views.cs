using Analytics.Domain;
using Analytics.Models;

namespace Analytics.Reporting;

/// <summary>Turns raw tallies into the spec's metrics objects: the one place ratios and percentiles are derived.</summary>
public static class Views
{
    /// <summary>A plain metrics object.</summary>
    public static MetricsView Metrics(Tally t) => Fill(t, new MetricsView());

    /// <summary>A brand's report object.</summary>
    public static BrandView Brand(BrandMetrics m)
    {
        var view = Fill(m.Total, new BrandView { AsOf = m.AsOf is { } a ? Time.ToIso(a) : null });
        foreach (var (channel, tally) in m.Channels) view.Channels[channel] = Metrics(tally);
        foreach (var (hour, h) in m.Hourly) view.Hourly[Time.ToIso(hour)] = new HourView(h.Opened, h.Responded, h.WithinSla, h.Pending, h.Unanswered);
        return view;
    }

    /// <summary>A whole report from every brand's metrics for one window.</summary>
    public static ReportView Report(IReadOnlyCollection<BrandMetrics> brands)
    {
        var report = new ReportView();
        var overall = new TallyBuilder();
        foreach (var b in brands)
        {
            report.Brands[b.Brand] = Brand(b);
            overall.Add(b.Total);
        }
        report.Overall = Fill(overall.Build(), new OverallView { Brands = brands.Count });
        return report;
    }

    private static T Fill<T>(Tally t, T v) where T : MetricsView
    {
        v.Opened = t.Opened;
        v.Responded = t.Responded;
        v.WithinSla = t.WithinSla;
        v.Pending = t.Pending;
        v.Unanswered = t.Unanswered;
        v.ResponseRate = Ratio(t.Responded, t.Opened);
        v.SlaRate = Ratio(t.WithinSla, t.Opened);
        v.FrtP50 = Seconds(NearestRank.Of(t.Frts, 50));
        v.FrtP90 = Seconds(NearestRank.Of(t.Frts, 90));
        v.FrtP99 = Seconds(NearestRank.Of(t.Frts, 99));
        v.ExpectedUnfollows = t.ExpectedUnfollows.ToDouble();
        v.ExpectedAmplification = t.ExpectedAmplification.ToDouble();
        v.Inbound = t.Inbound;
        v.Outbound = t.Outbound;
        v.Responses = t.Responses;
        v.ResponseTimeMeanSeconds = t.Responses == 0 ? null : (double)(t.ResponseTimeSum / t.Responses) / Time.MicrosPerSecond;
        v.Follows = t.Follows;
        v.Unfollows = t.Unfollows;
        v.Backlog = t.Backlog;
        v.StaleWaiting = t.StaleWaiting;
        v.OldestWaitSeconds = Seconds(t.OldestWait);
        v.Complaints = t.Complaints;
        v.ComplaintResponseRate = Ratio(t.ComplaintsResponded, t.Complaints);
        v.ComplaintSlaRate = Ratio(t.ComplaintsWithinSla, t.Complaints);
        v.ExpectationMet = t.Opened == 0 ? null : t.ExpectationMet.ToDouble() / t.Opened;
        v.EngagementGap = 1 - v.ExpectationMet;
        v.CannedShare = Ratio(t.CannedReplies, t.Replies);
        v.FollowUpRateCanned = Ratio(t.CannedFollowedUp, t.CannedReplies);
        v.FollowUpRatePersonal = Ratio(t.PersonalFollowedUp, t.Replies - t.CannedReplies);
        v.ObservedUnfollows = t.ObservedUnfollows;
        (v.CalibratedPUnfollow, v.CalibratedPUnfollowLow, v.CalibratedPUnfollowHigh) = UnfollowCalibration.Posterior(t.ObservedUnfollows, t.AuthoredExposure.ToDouble(), t.AuthoredExposureSquares.ToDouble());
        return v;
    }

    private static double? Ratio(long part, long whole) => whole == 0 ? null : (double)part / whole;

    private static double? Seconds(long? micros) => micros is { } m ? Time.ToSeconds(m) : null;
}
