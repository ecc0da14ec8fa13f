using Analytics.Domain;
using Analytics.Domain.Packing;
using Analytics.Models;

namespace Analytics.Grains;

/// <summary>What a conversation persists: its events, packed, and the version of its contribution.</summary>
[GenerateSerializer, Alias("analytics.ConversationState")]
public sealed class ConversationState
{
    /// <summary>Events in (timestamp, id) order, one per id, as <see cref="Domain.Packing.PackedEvents"/>.</summary>
    [Id(0)] public byte[] Events { get; set; } = [];

    /// <summary>Version of the latest contribution sent to the brand.</summary>
    [Id(1)] public long Version { get; set; }

    /// <summary>The brand of conversation <paramref name="grainKey"/> and the contribution this state gives it, as the conversation grain computes it.</summary>
    public (string Brand, Contribution Contribution) ContributionOf(string grainKey)
    {
        var (brand, conversationId, audienceShard) = GrainKeys.Parse(grainKey);
        return (brand, ConversationShape.Of(PackedEvents.Unpack(Events)).ToContribution(conversationId, audienceShard, Version));
    }
}
