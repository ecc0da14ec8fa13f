namespace Analytics.Tests.Reference;

/// <summary>A waiting period still running at the brand's as-of (snapshot, never windowed).</summary>
/// <param name="Channel">Channel of the conversation (its t0 message), not of the waiting inbound.</param>
/// <param name="WaitMicros">As-of minus the start of the period; the brand's own as-of is already applied.</param>
/// <param name="InBacklog">Wait below the horizon; otherwise the period only counts as staleWaiting.</param>
public sealed record WaitingEntry(string Channel, long WaitMicros, bool InBacklog);
