using Analytics.Models;

namespace Analytics.Domain;

/// <summary>The events of one batch that belong to one conversation grain.</summary>
/// <param name="Key">The conversation (or audience shard).</param>
/// <param name="GrainKey">The conversation grain's key (<see cref="GrainKeys"/>).</param>
/// <param name="Events">Its events from the batch.</param>
public sealed record ConversationBatch(ConversationKey Key, string GrainKey, List<ConversationEvent> Events)
{
    /// <summary>The conversation's brand.</summary>
    public string Brand => Key.Brand;

    /// <summary>
    /// Groups a batch so that each conversation (or audience shard) gets one call carrying all
    /// of its events; order inside the batch does not matter to the metrics.
    /// </summary>
    /// <param name="events">The batch.</param>
    /// <param name="byKey">A table to group in, cleared first: a router keeps its own, so a batch does not allocate one (and grow it) again.</param>
    public static List<ConversationBatch> Group(IReadOnlyList<CareEvent> events, Dictionary<ConversationKey, ConversationBatch> byKey)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(byKey);
        byKey.Clear();
        var groups = new List<ConversationBatch>();
        foreach (var e in events)
        {
            var key = ConversationKey.Of(e);
            if (!byKey.TryGetValue(key, out var group))
            {
                byKey[key] = group = new ConversationBatch(key, key.GrainKey, new List<ConversationEvent>(4));
                groups.Add(group);
            }
            group.Events.Add(e.ToConversationEvent());
        }
        return groups;
    }
}
