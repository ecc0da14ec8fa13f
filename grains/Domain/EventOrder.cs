using Analytics.Models;

namespace Analytics.Domain;

/// <summary>The spec's order of a conversation: (timestamp, id), ids compared ordinally.</summary>
public sealed class EventOrder : IComparer<ConversationEvent>
{
    /// <summary>The one instance.</summary>
    public static EventOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(ConversationEvent? x, ConversationEvent? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var byTime = x.Timestamp.CompareTo(y.Timestamp);
        return byTime != 0 ? byTime : string.CompareOrdinal(x.Id, y.Id);
    }
}
