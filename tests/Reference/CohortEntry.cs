namespace Analytics.Tests.Reference;

/// <summary>One customer conversation in the cohort of its t0 minute.</summary>
/// <param name="Channel">Channel of the t0 message.</param>
/// <param name="T0">Time of the first inbound message, UTC microseconds.</param>
/// <param name="Status">Responded, pending or unanswered at the brand's as-of.</param>
/// <param name="WithinSla">FRT exists and is at most the SLA.</param>
/// <param name="FrtMicros">First response time; set only when the status is Responded (percentiles read it).</param>
/// <param name="Risk">pUnfollow * F(w) of spec section 5.</param>
/// <param name="Amplification">amplification * F(H) when unanswered, else 0.</param>
/// <param name="Complaint">The conversation is a complaint.</param>
/// <param name="WithinComplaintSla">A complaint whose FRT is at most the complaint SLA.</param>
/// <param name="Met">Share of customers whose expectation was met: 1 - F(w) responded or pending, 0 unanswered, F raised for complaints.</param>
/// <param name="Exposure">F(w) (section 5's w): the risk for pUnfollow = 1.</param>
/// <param name="Authored">The t0 message's author is known and the conversation is settled (t0 at least H before the as-of): it counts for the calibration.</param>
/// <param name="Unfollowed">That author unfollowed the brand within H after t0.</param>
public sealed record CohortEntry(
    string Channel,
    long T0,
    CohortStatus Status,
    bool WithinSla,
    long? FrtMicros,
    double Risk,
    double Amplification,
    bool Complaint,
    bool WithinComplaintSla,
    double Met,
    double Exposure,
    bool Authored,
    bool Unfollowed);
