namespace Analytics.Models;

/// <summary>One conversation: its events in (timestamp, id) order and, for a customer conversation, its summary.</summary>
[GenerateSerializer, Immutable, Alias("analytics.ConversationView")]
public sealed record ConversationView(string Brand, string ConversationId, ConversationEvent[] Events, ConversationSummary? Summary, long? AsOf);
