using Analytics.Models;

namespace Analytics.Domain;

/// <summary>The events of one batch that belong to one conversation grain.</summary>
/// <param name="Brand">The conversation's brand.</param>
/// <param name="GrainKey">The conversation grain's key (<see cref="GrainKeys"/>).</param>
/// <param name="Events">Its events from the batch.</param>
public sealed record ConversationBatch(string Brand, string GrainKey, List<ConversationEvent> Events)
{
    /// <summary>
    /// Groups a batch so that each conversation (or audience shard) gets one call carrying all
    /// of its events; order inside the batch does not matter to the metrics.
    /// </summary>
    public static List<ConversationBatch> Group(IReadOnlyList<CareEvent> events)
    {
        var byKey = new Dictionary<ConversationKey, ConversationBatch>();
        var groups = new List<ConversationBatch>();
        foreach (var e in events)
        {
            var key = ConversationKey.Of(e);
            if (!byKey.TryGetValue(key, out var group))
            {
                byKey[key] = group = new ConversationBatch(e.Brand, key.GrainKey, new List<ConversationEvent>(4));
                groups.Add(group);
            }
            group.Events.Add(e.ToConversationEvent());
        }
        return groups;
    }
}
