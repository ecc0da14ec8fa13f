using Analytics.Domain;
using Analytics.Domain.Packing;
using Analytics.Models;

namespace Analytics.Storage;

/// <summary>A brand's contributions computed from its conversations' states in Redis, as each conversation grain computes its own.</summary>
public sealed class RedisStoredContributions(RedisGrainStorage storage) : IStoredContributions
{
    public async Task<List<Contribution>> LoadAsync(string brand)
    {
        var contributions = new List<Contribution>();
        foreach (var (grainKey, state) in await storage.ConversationsOfAsync(brand))
        {
            var events = PackedEvents.Unpack(state.Events);
            if (events.Count == 0) continue;
            var (_, conversationId, audienceShard) = GrainKeys.Parse(grainKey);
            contributions.Add(ConversationShape.Of(events).ToContribution(conversationId, audienceShard, state.Version));
        }
        return contributions;
    }
}
