namespace Analytics.Models;

/// <summary>A waiting customer named by an SLA breach forecast.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="WaitingSince">Start of the wait (UTC microseconds).</param>
/// <param name="SecondsLeft">Seconds until the wait passes the SLA, at the alert's time.</param>
[GenerateSerializer, Immutable, Alias("analytics.AlertCustomer")]
public sealed record AlertCustomer(string ConversationId, long WaitingSince, double SecondsLeft);
