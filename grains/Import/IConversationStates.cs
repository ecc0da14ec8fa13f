using Analytics.Models;

namespace Analytics.Import;

/// <summary>
/// The conversation grains' stored states as the history import reads and writes them: by the
/// grain key's UTF-8 and in the grain's own stored form (a version and <see cref="Domain.Packing.PackedEvents"/>),
/// without a GrainId, key string or state object per conversation. Embedded mode's storage
/// implements it directly (<see cref="Hosting.LocalGrainStorage.StatesOf"/>); any other grain
/// storage through <see cref="GrainStorageStates"/>.
/// </summary>
public interface IConversationStates
{
    /// <summary>The stored version and events of a conversation grain, or null when it has none.</summary>
    /// <param name="grainKey">The grain key's UTF-8 (<see cref="GrainKeys.Utf8"/>); read before the call returns.</param>
    ValueTask<(long Version, List<ConversationEvent> Events)?> ReadAsync(ReadOnlyMemory<byte> grainKey);

    /// <summary>Stores a conversation grain's version and packed events, as the grain itself would.</summary>
    /// <param name="grainKey">The grain key's UTF-8; read before the call returns.</param>
    /// <param name="version">The state's version.</param>
    /// <param name="packedEvents">The events, packed; read before the call returns.</param>
    ValueTask WriteAsync(ReadOnlyMemory<byte> grainKey, long version, ReadOnlyMemory<byte> packedEvents);

    /// <summary>Stores a conversation grain's first state unless it has one; false, and nothing written, when it has.</summary>
    /// <param name="grainKey">The grain key's UTF-8; read before the call returns.</param>
    /// <param name="version">The state's version.</param>
    /// <param name="packedEvents">The events, packed; read before the call returns.</param>
    ValueTask<bool> TryAddAsync(ReadOnlyMemory<byte> grainKey, long version, ReadOnlyMemory<byte> packedEvents);

    /// <summary>A hint that a conversation will be read or added soon: storage in memory starts loading where its lookup begins; any other may ignore it.</summary>
    /// <param name="grainKey">The grain key's UTF-8; read before the call returns.</param>
    void Prefetch(ReadOnlySpan<byte> grainKey);
}
