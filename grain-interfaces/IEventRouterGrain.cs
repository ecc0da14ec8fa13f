namespace Analytics;

/// <summary>
/// Consumes one ingest stream partition (implicit subscription, key = partition): groups each
/// batch by conversation, calls each conversation once and each brand once per batch.
/// </summary>
public interface IEventRouterGrain : IGrainWithStringKey;
