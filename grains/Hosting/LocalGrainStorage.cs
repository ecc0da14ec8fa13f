using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Hashing;
using Orleans.Serialization;
using Orleans.Storage;

namespace Analytics.Hosting;

/// <summary>
/// Grain storage for the embedded default: state kept in this process as Orleans-binary bytes,
/// keyed by grain id. Orleans' MemoryGrainStorage routes every read and write through a storage
/// grain as JSON with a GUID ETag, which made activating and deactivating a conversation cost
/// several times its own work and kept about 1 KB per idle conversation. Like that storage it
/// lives and dies with the silo; cluster mode uses durable storage instead.
/// <para>Idle conversations are the most numerous thing the engine holds, so each record is one
/// byte array holding its grain key and its state (<see cref="Records"/>), rather than a
/// dictionary node, a key array and a state array: about 90 bytes less per conversation.</para>
/// </summary>
public sealed class LocalGrainStorage(Serializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainType, Records> byType = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var state = RecordsOf(grainId).Find(grainId.Key.AsSpan());
        grainState.State = state.IsEmpty ? Activator.CreateInstance<T>() : serializer.Deserialize<T>(state);
        grainState.RecordExists = !state.IsEmpty;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        RecordsOf(grainId).Put(grainId.Key.AsSpan(), serializer.SerializeToArray(grainState.State));
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

    private Records RecordsOf(GrainId grainId) => byType.GetOrAdd(grainId.Type, _ => new Records());

    /// <summary>
    /// One grain type's records: each a byte array of [key length (2 bytes)][key][state], in a
    /// set that compares keys only and is searched by key span without allocating.
    /// </summary>
    private sealed class Records
    {
        public const int KeyAt = 2;

        private readonly HashSet<byte[]> records = new(KeyComparer.Instance);
        private readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> byKey;
        private readonly Lock gate = new();

        public Records() => byKey = records.GetAlternateLookup<ReadOnlySpan<byte>>();

        /// <summary>The state stored under <paramref name="key"/>; empty when there is none (a stored state is never empty).</summary>
        public ReadOnlySpan<byte> Find(ReadOnlySpan<byte> key)
        {
            byte[]? record;
            lock (gate)
            {
                if (!byKey.TryGetValue(key, out record)) return default;
            }
            return record.AsSpan(KeyAt + key.Length);
        }

        public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> state)
        {
            var record = new byte[KeyAt + key.Length + state.Length];
            // Grain keys are brand and conversation id, bounded by EventLimits to about 2 KB of UTF-8.
            BinaryPrimitives.WriteUInt16LittleEndian(record, checked((ushort)key.Length));
            key.CopyTo(record.AsSpan(KeyAt));
            state.CopyTo(record.AsSpan(KeyAt + key.Length));
            lock (gate)
            {
                byKey.Remove(key);
                records.Add(record);
            }
        }

        public void Remove(ReadOnlySpan<byte> key)
        {
            lock (gate) byKey.Remove(key);
        }
    }

    private sealed class KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static KeyComparer Instance { get; } = new();

        private static ReadOnlySpan<byte> KeyOf(byte[] record) => record.AsSpan(Records.KeyAt, BinaryPrimitives.ReadUInt16LittleEndian(record));

        public bool Equals(byte[]? x, byte[]? y) => x is not null && y is not null && KeyOf(x).SequenceEqual(KeyOf(y));

        public int GetHashCode(byte[] record) => GetHashCode(KeyOf(record));

        public bool Equals(ReadOnlySpan<byte> key, byte[] record) => key.SequenceEqual(KeyOf(record));

        public int GetHashCode(ReadOnlySpan<byte> key) => (int)XxHash3.HashToUInt64(key);

        public byte[] Create(ReadOnlySpan<byte> key) => throw new NotSupportedException("records are added whole");
    }
}
