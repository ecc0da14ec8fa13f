using Analytics.Models;

namespace Analytics.Domain;

/// <summary>A brand's settings turned into per-conversation risks (METRICS-SPEC section 5), as exact sums.</summary>
public sealed class RiskModel(BrandSettings settings)
{
    /// <summary>The settings this model applies.</summary>
    public BrandSettings Settings { get; } = settings;

    /// <summary>Risk of an unanswered conversation: its wait is the horizon.</summary>
    public ExactSum Unanswered { get; } = UnfollowRisk.Exact(settings.PUnfollow * UnfollowRisk.FMicros(settings.Horizon));

    /// <summary>Public-complaint expectation of an unanswered conversation.</summary>
    public ExactSum Amplification { get; } = UnfollowRisk.Exact(UnfollowRisk.Amplification * UnfollowRisk.FMicros(settings.Horizon));

    /// <summary>
    /// Share of customers whose expectation a conversation met, as an exact sum term: 1 - F(w) with w
    /// its FRT (responded) or as-of minus t0 (pending: not exceeded so far), F raised for a complaint
    /// (<see cref="UnfollowRisk.FComplaint"/>). Unanswered conversations met none.
    /// </summary>
    public static ExactSum Met(long waitMicros, bool complaint)
    {
        var seconds = waitMicros / 1e6;
        return UnfollowRisk.Exact(1 - (complaint ? UnfollowRisk.FComplaint(seconds) : UnfollowRisk.F(seconds)));
    }

    /// <summary>F(w) as an exact sum term: a conversation's exposure to unfollowing for pUnfollow = 1 (<see cref="UnfollowCalibration"/>).</summary>
    public static ExactSum Exposure(long waitMicros) => UnfollowRisk.Exact(UnfollowRisk.FMicros(waitMicros));

    /// <summary>The wait of section 5 for a cohort conversation at <paramref name="asOf"/>: its FRT when responded, as-of minus t0 while pending, the horizon when unanswered.</summary>
    public long WaitOf(long t0, long? frt, long asOf) =>
        frt is { } f && f <= Settings.Horizon ? f : asOf - t0 < Settings.Horizon ? asOf - t0 : Settings.Horizon;

    /// <summary>Risk of a conversation that waited <paramref name="waitMicros"/> (its FRT, or as-of minus t0 while pending).</summary>
    public ExactSum Of(long waitMicros) => UnfollowRisk.Exact(Settings.PUnfollow * UnfollowRisk.FMicros(waitMicros));

    /// <summary>Status and risk of a customer conversation at <paramref name="asOf"/>.</summary>
    public (ConversationStatus Status, ExactSum Risk) Judge(Cohort cohort, long asOf)
    {
        if (cohort.Frt is { } frt && frt <= Settings.Horizon) return (ConversationStatus.Responded, Of(frt));
        var age = asOf - cohort.T0;
        return age < Settings.Horizon ? (ConversationStatus.Pending, Of(age)) : (ConversationStatus.Unanswered, Unanswered);
    }
}
