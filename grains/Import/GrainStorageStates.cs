using System.Text;
using Analytics.Domain.Packing;
using Analytics.Grains;
using Analytics.Hosting;
using Analytics.Models;
using Orleans.Storage;

namespace Analytics.Import;

/// <summary>Conversation states through any Orleans grain storage, one grain id and state object per call.</summary>
public sealed class GrainStorageStates(IGrainStorage storage, GrainType conversationType) : IConversationStates
{
    public async ValueTask<(long Version, List<ConversationEvent> Events)?> ReadAsync(ReadOnlyMemory<byte> grainKey)
    {
        var state = new GrainState<ConversationState>(new ConversationState());
        await storage.ReadStateAsync(Names.ConversationState, IdOf(grainKey), state);
        return state.State is { } s && (s.Version > 0 || s.Events.Length > 0) ? (s.Version, PackedEvents.Unpack(s.Events)) : null;
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> grainKey, long version, ReadOnlyMemory<byte> packedEvents)
    {
        var state = new GrainState<ConversationState>(new ConversationState { Version = version, Events = packedEvents.ToArray() });
        await storage.WriteStateAsync(Names.ConversationState, IdOf(grainKey), state);
    }

    public async ValueTask<bool> TryAddAsync(ReadOnlyMemory<byte> grainKey, long version, ReadOnlyMemory<byte> packedEvents)
    {
        // Copied before the first await: the caller's buffers are its own again when this returns.
        var (key, events) = (grainKey.ToArray(), packedEvents.ToArray());
        if (await ReadAsync(key) is not null) return false;
        await WriteAsync(key, version, events);
        return true;
    }

    // A round trip per state: nothing to gain from a hint.
    public void Prefetch(ReadOnlySpan<byte> grainKey)
    {
    }

    private GrainId IdOf(ReadOnlyMemory<byte> grainKey) => GrainId.Create(conversationType, Encoding.UTF8.GetString(grainKey.Span));
}
