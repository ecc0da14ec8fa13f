namespace Analytics.Tests.Reference;

/// <summary>Settings of one reference computation; defaults are the spec's published priors.</summary>
/// <param name="HorizonSeconds">Horizon H: a first response later than this does not count as responded.</param>
/// <param name="SlaSeconds">SLA S for withinSla.</param>
/// <param name="PUnfollow">Share of customers who unfollow after poor service.</param>
/// <param name="Amplification">Share of ignored customers who share it (expectedAmplification).</param>
/// <param name="From">Inclusive start of the window; must be a whole UTC minute. Null = unbounded.</param>
/// <param name="To">Exclusive end of the window; must be a whole UTC minute. Null = unbounded.</param>
/// <param name="ComplaintSlaSeconds">SLA for complaints (complaintSlaRate).</param>
/// <param name="CalibratedRisk">expectedUnfollows with the brand's calibrated pUnfollow instead of PUnfollow.</param>
/// <param name="LiveNow">
/// Live mode: the as-of becomes max(latest event, LiveNow). The caller passes wall clock minus the
/// allowed lateness already subtracted, so the reference needs no lateness setting. Null = replay.
/// </param>
public sealed record ReferenceParams(
    double HorizonSeconds = 86400,
    double SlaSeconds = 3600,
    double PUnfollow = 0.56,
    double Amplification = 0.60,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    DateTimeOffset? LiveNow = null,
    double ComplaintSlaSeconds = 3600,
    bool CalibratedRisk = false);
