namespace Analytics.Models;

/// <summary>Which conversations a listing asks for.</summary>
public enum ConversationFilter : byte
{
    /// <summary>A waiting period runs at the as-of (backlog and stale), highest risk first.</summary>
    Waiting = 0,
    /// <summary>Status pending, highest risk first.</summary>
    Pending = 1,
    /// <summary>Status unanswered, newest first.</summary>
    Unanswered = 2,
    /// <summary>Status responded, slowest first response first.</summary>
    Responded = 3,
}
