namespace Analytics.Models;

/// <summary>How a customer conversation enters its brand's cohort metrics.</summary>
/// <param name="T0">Timestamp of the first inbound message (UTC microseconds).</param>
/// <param name="Channel">Channel of the t0 message: the conversation's channel.</param>
/// <param name="Frt">First response time in microseconds, null while the first waiting period runs.</param>
/// <param name="Complaint">An inbound message before the first response (or, without one, any inbound message) is a complaint.</param>
/// <param name="AuthorKey">Key of the t0 message's author (the customer), 0 when unknown.</param>
[GenerateSerializer, Immutable, Alias("analytics.Cohort")]
public sealed record Cohort(long T0, string Channel, long? Frt, bool Complaint = false, ulong AuthorKey = 0);
