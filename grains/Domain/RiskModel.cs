using Analytics.Models;

namespace Analytics.Domain;

/// <summary>A brand's settings turned into per-conversation risks (METRICS-SPEC section 5), as exact sums.</summary>
public sealed class RiskModel(BrandSettings settings)
{
    /// <summary>The settings this model applies.</summary>
    public BrandSettings Settings { get; } = settings;

    /// <summary>Risk of an unanswered conversation: its wait is the horizon.</summary>
    public ExactSum Unanswered { get; } = UnfollowRisk.Exact(settings.PUnfollow * UnfollowRisk.FMicros(settings.Horizon));

    /// <summary>Exposure F(H) of an unanswered conversation (its risk for pUnfollow = 1).</summary>
    public ExactSum UnansweredExposure { get; } = UnfollowRisk.Exact(UnfollowRisk.FMicros(settings.Horizon));

    /// <summary>Public-complaint expectation of an unanswered conversation.</summary>
    public ExactSum Amplification { get; } = UnfollowRisk.Exact(UnfollowRisk.Amplification * UnfollowRisk.FMicros(settings.Horizon));

    /// <summary>The risk of a conversation whose exposure F(w) is <paramref name="f"/>.</summary>
    public ExactSum OfExposure(double f) => UnfollowRisk.Exact(Settings.PUnfollow * f);

    /// <summary>The wait of section 5 for a cohort conversation at <paramref name="asOf"/>: its FRT when responded, as-of minus t0 while pending, the horizon when unanswered.</summary>
    public long WaitOf(long t0, long? frt, long asOf) =>
        frt is { } f && f <= Settings.Horizon ? f : asOf - t0 < Settings.Horizon ? asOf - t0 : Settings.Horizon;

    /// <summary>Risk of a conversation that waited <paramref name="waitMicros"/> (its FRT, or as-of minus t0 while pending).</summary>
    public ExactSum Of(long waitMicros) => OfExposure(UnfollowRisk.FMicros(waitMicros));

    /// <summary>Status and risk of a customer conversation at <paramref name="asOf"/>.</summary>
    public (ConversationStatus Status, ExactSum Risk) Judge(Cohort cohort, long asOf)
    {
        if (cohort.Frt is { } frt && frt <= Settings.Horizon) return (ConversationStatus.Responded, Of(frt));
        var age = asOf - cohort.T0;
        return age < Settings.Horizon ? (ConversationStatus.Pending, Of(age)) : (ConversationStatus.Unanswered, Unanswered);
    }
}
