using System.Runtime.InteropServices;
using Analytics.Domain;
using Analytics.Models;

namespace Analytics.Import;

/// <summary>
/// One import worker's conversations that may go on in the next chunks. A history in time order
/// brings a conversation's messages minutes to hours apart, so a cut between chunks splits about a
/// third of them, and each split costs its stored state read back, unpacked, merged and packed
/// again, and its brand contribution retracted and replaced. Their events wait here instead until
/// the conversation has been quiet for <see cref="Window"/> of event time (the latest time this
/// worker has seen), or the file ends, or the held events pass their bound (the longest-quiet
/// conversations go first). The order events are imported in changes no figure.
/// </summary>
public sealed class HeldBack
{
    private readonly Dictionary<ConversationKey, Held> held = [];
    private long heldEvents;
    private long latest = long.MinValue;

    /// <summary>Quiet time (event time, microseconds) after which a conversation is imported.</summary>
    public long Window { get; init; } = 2 * Time.MicrosPerHour;

    /// <summary>Most events held; past it the longest-quiet conversations are imported early.</summary>
    public long MaxEvents { get; init; } = 500_000;

    /// <summary>Events held now.</summary>
    public long Events => heldEvents;

    /// <summary>
    /// Takes one chunk's conversations (this worker's share) and returns those to import now:
    /// quiet ones with every event held for them so far; with <paramref name="final"/>, all of them.
    /// </summary>
    public List<KeyValuePair<ConversationKey, List<ConversationEvent>>> Take(Dictionary<ConversationKey, List<ConversationEvent>> chunk, bool final)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        foreach (var (key, events) in chunk)
        {
            var last = LatestOf(events);
            latest = Math.Max(latest, last);
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(held, key, out var exists);
            if (exists)
            {
                slot.Events.AddRange(events);
                slot.Latest = Math.Max(slot.Latest, last);
            }
            else
            {
                slot = new Held { Events = events, Latest = last };
            }
            heldEvents += events.Count;
        }

        var quietBefore = final ? long.MaxValue : latest - Window;
        var now = new List<KeyValuePair<ConversationKey, List<ConversationEvent>>>(chunk.Count + 16);
        foreach (var (key, h) in held)
        {
            if (h.Latest < quietBefore) now.Add(new(key, h.Events));
        }
        if (heldEvents - now.Sum(x => (long)x.Value.Count) > MaxEvents)
        {
            // Over the bound: the longest-quiet of the rest go too, down to half of it.
            var keep = held.Where(x => x.Value.Latest >= quietBefore).OrderBy(x => x.Value.Latest).ToList();
            var remaining = keep.Sum(x => (long)x.Value.Events.Count);
            foreach (var (key, h) in keep)
            {
                if (remaining <= MaxEvents / 2) break;
                now.Add(new(key, h.Events));
                remaining -= h.Events.Count;
            }
        }
        foreach (var (key, events) in now)
        {
            held.Remove(key);
            heldEvents -= events.Count;
        }
        return now;
    }

    private static long LatestOf(List<ConversationEvent> events)
    {
        var max = long.MinValue;
        foreach (var e in events) max = Math.Max(max, e.Timestamp);
        return max;
    }

    private struct Held
    {
        public List<ConversationEvent> Events;
        public long Latest;
    }
}
