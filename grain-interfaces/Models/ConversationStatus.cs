namespace Analytics.Models;

/// <summary>Where a customer conversation stands at its brand's as-of.</summary>
public enum ConversationStatus : byte
{
    /// <summary>First response within the horizon.</summary>
    Responded = 0,
    /// <summary>Not responded and younger than the horizon.</summary>
    Pending = 1,
    /// <summary>Neither responded nor pending.</summary>
    Unanswered = 2,
}
