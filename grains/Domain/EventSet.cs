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
    // dictionary there. A live exchange grows to dozens, where comparing ids was most of a call:
    // past HashThreshold the ids' hash codes are kept beside the events, in the same order, and a
    // lookup scans those ints (vectorized), comparing strings only where a hash matches (4 bytes
    // an event, against some 30 for a dictionary entry). Audience shards can grow large: past
    // IndexThreshold a dictionary.
    private const int HashThreshold = 8, IndexThreshold = 512;

    private readonly List<ConversationEvent> events;
    private List<int>? idHashes;
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
        if (!Replaces(candidate.Digest, held.Digest)) return AddOutcome.ConflictKept;
        var at = events.BinarySearch(held, EventOrder.Instance);
        events.RemoveAt(at);
        idHashes?.RemoveAt(at);
        byId?.Remove(held.Id);
        Insert(candidate);
        return AddOutcome.ConflictReplaced;
    }

    private static bool SamePayload(ConversationEvent a, ConversationEvent b) =>
        SamePayload(EventFacts.Of(a), a.Digest, EventFacts.Of(b), b.Digest);

    /// <summary>Whether two copies of one id carry the same event: a plain duplicate, not a conflicting one.</summary>
    internal static bool SamePayload(in EventFacts a, ulong aDigest, in EventFacts b, ulong bDigest) => aDigest == bDigest && a == b;

    /// <summary>Whether a conflicting copy replaces the one held: the smaller canonical digest stays (METRICS-SPEC section 1).</summary>
    internal static bool Replaces(ulong candidateDigest, ulong heldDigest) => candidateDigest < heldDigest;

    private ConversationEvent? Find(string id)
    {
        if (byId is not null) return byId.GetValueOrDefault(id);
        if (idHashes is null)
        {
            foreach (var e in events)
            {
                if (e.Id == id) return e;
            }
            return null;
        }
        var hash = id.GetHashCode();
        var hashes = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(idHashes);
        for (var from = 0; ;)
        {
            var at = hashes[from..].IndexOf(hash);
            if (at < 0) return null;
            at += from;
            if (events[at].Id == id) return events[at];
            from = at + 1;
        }
    }

    private void Insert(ConversationEvent e)
    {
        var found = events.BinarySearch(e, EventOrder.Instance);
        var at = found < 0 ? ~found : found;
        events.Insert(at, e);
        idHashes?.Insert(at, e.Id.GetHashCode());
        if (byId is not null)
        {
            byId[e.Id] = e;
        }
        else if (events.Count > IndexThreshold)
        {
            byId = events.ToDictionary(x => x.Id, StringComparer.Ordinal);
            idHashes = null;
        }
        else if (idHashes is null && events.Count > HashThreshold)
        {
            idHashes = new List<int>(events.Capacity);
            foreach (var x in events) idHashes.Add(x.Id.GetHashCode());
        }
    }
}
