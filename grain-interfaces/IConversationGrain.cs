using Analytics.Models;

namespace Analytics;

/// <summary>One conversation, keyed by <see cref="GrainKeys.Conversation"/>: owns its event set.</summary>
public interface IConversationGrain : IGrainWithStringKey
{
    /// <summary>Adds events (any order, duplicates allowed) and returns the conversation's current, versioned contribution.</summary>
    Task<AddResult> AddAsync(ConversationEvent[] events);

    /// <summary>The conversation's events in (timestamp, id) order and its summary at its brand's as-of.</summary>
    Task<ConversationView> GetViewAsync();
}
