namespace Analytics.Tests.Reference;

/// <summary>One event counted in its own minute and channel.</summary>
/// <param name="Channel">Channel of the event itself.</param>
/// <param name="Micros">Event time, UTC microseconds.</param>
/// <param name="Field">The report field it increments: inbound, outbound, follows or unfollows.</param>
public sealed record ActivityEntry(string Channel, long Micros, string Field);
