using System.Collections.Concurrent;
using Analytics.Domain.Packing;
using Analytics.Grains;
using Orleans.Serialization;
using Orleans.Storage;

namespace Analytics.Hosting;

/// <summary>
/// Grain storage for the embedded default: state kept in this process as Orleans-binary bytes,
/// keyed by grain id. Orleans' MemoryGrainStorage routes every read and write through a storage
/// grain as JSON with a GUID ETag, which made activating and deactivating a conversation cost
/// several times its own work and kept about 1 KB per idle conversation. Like that storage it
/// lives and dies with the silo; cluster mode uses durable storage instead.
/// <para>Idle conversations are the most numerous thing the engine holds, so each state is one
/// byte array together with its grain key (<see cref="KeyedRecords"/>), rather than a
/// dictionary node, a key array and a state array: about 90 bytes less per conversation. Their
/// state (a version and packed events) is written straight into that record rather than through
/// the general serializer, whose session, headers and extra copy cost more than the state itself;
/// other states go through Orleans' serializer.</para>
/// </summary>
public sealed class LocalGrainStorage(Serializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainType, Records> byType = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var state = RecordsOf(grainId).Find(grainId.Key.AsSpan());
        grainState.State = state.IsEmpty ? Activator.CreateInstance<T>() : Decode<T>(state);
        grainState.RecordExists = !state.IsEmpty;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.Key.AsSpan();
        RecordsOf(grainId).Put(grainState.State is ConversationState c ? Record(key, c) : KeyedRecords.Create(key, serializer.SerializeToArray(grainState.State)));
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        RecordsOf(grainId).Remove(grainId.Key.AsSpan());
        grainState.State = Activator.CreateInstance<T>();
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private T Decode<T>(ReadOnlySpan<byte> stored)
    {
        if (typeof(T) != typeof(ConversationState)) return serializer.Deserialize<T>(stored)!;
        var r = new PackReader(stored);
        var version = (long)r.ReadVarint();
        return (T)(object)new ConversationState { Version = version, Events = r.Rest.ToArray() };
    }

    private static byte[] Record(ReadOnlySpan<byte> key, ConversationState state)
    {
        var w = new PackWriter(key.Length + 16);
        try
        {
            w.WriteBytes(key);
            w.WriteVarint((ulong)state.Version);
            return w.ToArray(state.Events);
        }
        finally
        {
            w.Dispose();
        }
    }

    private Records RecordsOf(GrainId grainId) => byType.GetOrAdd(grainId.Type, _ => new Records());

    /// <summary>One grain type's states, each in a record with its grain key (<see cref="KeyedRecords"/>), behind a lock.</summary>
    private sealed class Records
    {
        private readonly KeyedRecords records = new();
        private readonly Lock gate = new();

        /// <summary>The state stored under <paramref name="key"/>; empty when there is none (a stored state is never empty).</summary>
        public ReadOnlySpan<byte> Find(ReadOnlySpan<byte> key)
        {
            byte[]? record;
            lock (gate) record = records.Find(key);
            // Records are never changed, only replaced: reading one outside the lock is safe.
            return record is null ? default : KeyedRecords.ValueOf(record);
        }

        public void Put(byte[] record)
        {
            lock (gate) records.Put(record);
        }

        public void Remove(ReadOnlySpan<byte> key)
        {
            lock (gate) records.Remove(key);
        }
    }
}
