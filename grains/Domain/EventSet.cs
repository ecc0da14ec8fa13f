using Analytics.Models;

namespace Analytics.Domain;

/// <summary>
/// A conversation's events, de-duplicated by id and kept in <see cref="EventOrder"/>. Of two
/// copies of one id with different payloads the one with the smaller canonical-JSON digest stays,
/// so the set is the same whatever order the copies arrive in.
/// </summary>
public sealed class EventSet
{
    // Most conversations hold a handful of events: a sorted list and a linear id scan beat a
    // dictionary there. Audience shards can grow large, so an index appears past this size.
    private const int IndexThreshold = 32;

    private readonly List<ConversationEvent> events;
    private Dictionary<string, ConversationEvent>? byId;

    /// <summary>An empty set, or one holding events already in order.</summary>
    public EventSet(List<ConversationEvent>? ordered = null) => events = ordered ?? [];

    /// <summary>The events in (timestamp, id) order. The list is the set's own storage: do not change it.</summary>
    public List<ConversationEvent> Ordered => events;

    /// <summary>Number of distinct ids.</summary>
    public int Count => events.Count;

    /// <summary>Adds one event.</summary>
    public AddOutcome Add(ConversationEvent candidate)
    {
        var held = Find(candidate.Id);
        if (held is null)
        {
            Insert(candidate);
            return AddOutcome.Added;
        }
        if (SamePayload(held, candidate)) return AddOutcome.Duplicate;
        if (candidate.Digest >= held.Digest) return AddOutcome.ConflictKept;
        events.RemoveAt(events.BinarySearch(held, EventOrder.Instance));
        byId?.Remove(held.Id);
        Insert(candidate);
        return AddOutcome.ConflictReplaced;
    }

    private static bool SamePayload(ConversationEvent a, ConversationEvent b) =>
        a.Digest == b.Digest && a.Timestamp == b.Timestamp && a.Kind == b.Kind && a.Direction == b.Direction && a.Channel == b.Channel;

    private ConversationEvent? Find(string id)
    {
        if (byId is not null) return byId.GetValueOrDefault(id);
        foreach (var e in events)
        {
            if (e.Id == id) return e;
        }
        return null;
    }

    private void Insert(ConversationEvent e)
    {
        var at = events.BinarySearch(e, EventOrder.Instance);
        events.Insert(at < 0 ? ~at : at, e);
        if (byId is not null)
        {
            byId[e.Id] = e;
        }
        else if (events.Count > IndexThreshold)
        {
            byId = events.ToDictionary(x => x.Id, StringComparer.Ordinal);
        }
    }
}
