namespace Analytics.Tests.Reference;

/// <summary>One ended waiting period, counted in the minute and channel of the ending outbound message.</summary>
public sealed record ResponseEntry(string Channel, long EndMicros, long ResponseMicros);
