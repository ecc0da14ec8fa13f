using Analytics.Models;

namespace Analytics.Import;

/// <summary>A conversation grain's identity without building its key string (<see cref="GrainKeys.Of"/>).</summary>
/// <param name="Brand">The brand.</param>
/// <param name="ConversationId">The conversation; empty for an audience shard.</param>
/// <param name="AudienceShard">-1 for a message conversation, else the audience shard of a follow or unfollow event.</param>
public readonly record struct ConversationKey(string Brand, string ConversationId, int AudienceShard)
{
    /// <summary>The conversation grain an event belongs to.</summary>
    public static ConversationKey Of(CareEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Kind == EventKind.Message ? new(e.Brand, e.ConversationId, -1) : new(e.Brand, "", GrainKeys.AudienceShard(e.Id));
    }
}
