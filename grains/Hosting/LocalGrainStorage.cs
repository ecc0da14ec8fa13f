using System.Collections.Concurrent;
using Orleans.Serialization;
using Orleans.Storage;

namespace Analytics.Hosting;

/// <summary>
/// Grain storage for the embedded default: state kept in this process as Orleans-binary bytes,
/// keyed by grain id. Orleans' MemoryGrainStorage routes every read and write through a storage
/// grain as JSON with a GUID ETag, which made activating and deactivating a conversation cost
/// several times its own work and kept about 1 KB per idle conversation. Like that storage it
/// lives and dies with the silo; cluster mode uses durable storage instead.
/// </summary>
public sealed class LocalGrainStorage(Serializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, byte[]> states = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var found = states.TryGetValue(grainId, out var bytes);
        grainState.State = found ? serializer.Deserialize<T>(bytes!) : Activator.CreateInstance<T>();
        grainState.RecordExists = found;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        states[grainId] = serializer.SerializeToArray(grainState.State);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        states.TryRemove(grainId, out _);
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
