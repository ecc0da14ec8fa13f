namespace Analytics.Grains;

/// <summary>What a conversation persists: its events, packed, and the version of its contribution.</summary>
[GenerateSerializer, Alias("analytics.ConversationState")]
public sealed class ConversationState
{
    /// <summary>Events in (timestamp, id) order, one per id, as <see cref="Domain.Packing.PackedEvents"/>.</summary>
    [Id(0)] public byte[] Events { get; set; } = [];

    /// <summary>Version of the latest contribution sent to the brand.</summary>
    [Id(1)] public long Version { get; set; }
}
