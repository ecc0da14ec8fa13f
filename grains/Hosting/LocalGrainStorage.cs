using System.Buffers;
using System.Collections.Concurrent;
using Analytics.Domain.Packing;
using Analytics.Grains;
using Analytics.Models;
using Orleans.Serialization;
using Orleans.Storage;

namespace Analytics.Hosting;

/// <summary>
/// Grain storage for the embedded default: state kept in this process as Orleans-binary bytes,
/// keyed by grain id. Orleans' MemoryGrainStorage routes every read and write through a storage
/// grain as JSON with a GUID ETag, which made activating and deactivating a conversation cost
/// several times its own work and kept about 1 KB per idle conversation. Like that storage it
/// lives and dies with the silo; cluster mode uses durable storage instead.
/// <para>Idle conversations are the most numerous thing the engine holds, so states live with their
/// grain keys in a <see cref="RecordArena"/>: large slabs the collector never copies, rather than
/// an array per state. A conversation's state (a version and packed events) is written straight
/// into its record rather than through the general serializer, whose session, headers and extra
/// copy cost more than the state itself; other states go through Orleans' serializer.</para>
/// </summary>
public sealed class LocalGrainStorage(Serializer serializer) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainType, Records> byType = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var found = RecordsOf(grainId).TryRead(grainId.Key.AsSpan(), Decode<T>, out var state);
        grainState.State = found ? state! : Activator.CreateInstance<T>();
        grainState.RecordExists = found;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var records = RecordsOf(grainId);
        if (grainState.State is ConversationState c)
        {
            records.PutConversation(grainId.Key.AsSpan(), c.Version, c.Events);
        }
        else
        {
            records.Put(grainId.Key.AsSpan(), serializer.SerializeToArray(grainState.State), default);
        }
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

    /// <summary>Hands every stored record of <paramref name="type"/> (grain key, stored bytes) to <paramref name="write"/>, under the lock: for a snapshot, while nothing writes.</summary>
    public void Dump(GrainType type, Action<ReadOnlySpan<byte>, ReadOnlySpan<byte>> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        RecordsOf(type).Dump(write);
    }

    /// <summary>Stores a record as <see cref="Dump"/> handed it out (a snapshot being loaded).</summary>
    public void Restore(GrainType type, ReadOnlySpan<byte> key, ReadOnlySpan<byte> stored) => RecordsOf(type).Put(key, stored, default);

    /// <summary>The states of grain type <paramref name="type"/> as the history import reads and writes conversations', by key bytes.</summary>
    public Import.IConversationStates StatesOf(GrainType type) => RecordsOf(type);

    /// <summary>A conversation's stored bytes (a <see cref="Dump"/> record's) as its state.</summary>
    public static ConversationState DecodeConversation(ReadOnlySpan<byte> stored)
    {
        var version = SplitConversation(stored, out var events);
        return new ConversationState { Version = version, Events = events.ToArray() };
    }

    // A conversation's stored record is its version, then its packed events.
    private static long SplitConversation(ReadOnlySpan<byte> stored, out ReadOnlySpan<byte> events)
    {
        var r = new PackReader(stored);
        var version = (long)r.ReadVarint();
        events = r.Rest;
        return version;
    }

    /// <summary>Writes a conversation's stored record: its version, then its packed events.</summary>
    public static void EncodeConversation(ConversationState state, IBufferWriter<byte> to)
    {
        to.Advance(PackWriter.WriteVarint(to.GetSpan(10), (ulong)state.Version));
        to.Write(state.Events);
    }

    /// <summary>A stored state: a conversation's record (<see cref="DecodeConversation"/>), any other through Orleans' serializer.</summary>
    public static T DecodeState<T>(Serializer serializer, ReadOnlySpan<byte> stored) =>
        typeof(T) == typeof(ConversationState) ? (T)(object)DecodeConversation(stored) : serializer.Deserialize<T>(stored)!;

    private T Decode<T>(ReadOnlySpan<byte> stored) => DecodeState<T>(serializer, stored);

    private Records RecordsOf(GrainId grainId) => RecordsOf(grainId.Type);

    private Records RecordsOf(GrainType type) => byType.GetOrAdd(type, _ => new Records());

    /// <summary>Reads a stored state while the records cannot change.</summary>
    private delegate T StateReader<out T>(ReadOnlySpan<byte> stored);

    /// <summary>
    /// One grain type's states in <see cref="RecordArena"/>s, each behind its own lock, chosen by
    /// the key's hash: the history import's workers and the silo's grains write at once, and one
    /// lock and one arena's counters bounced between the cores on every write (2-3% of an
    /// import's CPU in perf).
    /// </summary>
    private sealed class Records : Import.IConversationStates
    {
        private const int ShardBits = 4;
        private readonly (RecordArena Arena, Lock Gate)[] shards = [.. Enumerable.Range(0, 1 << ShardBits).Select(_ => (new RecordArena(), new Lock()))];

        // The key's shard, by its hash's top bits, and that hash: the arena's index uses its low
        // ones, so the lookup in the shard takes the same hash.
        private (RecordArena Arena, Lock Gate, ulong KeyHash) ShardOf(ReadOnlySpan<byte> key)
        {
            var keyHash = RecordArena.KeyHash(key);
            var (arena, gate) = shards[(int)(keyHash >> (64 - ShardBits))];
            return (arena, gate, keyHash);
        }

        public bool TryRead<T>(ReadOnlySpan<byte> key, StateReader<T> read, out T? state)
        {
            var (records, gate, keyHash) = ShardOf(key);
            lock (gate)
            {
                // Decoded under the lock: the arena may move records on its next change.
                var found = records.TryGet(key, keyHash, out var stored);
                state = found ? read(stored) : default;
                return found;
            }
        }

        public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail)
        {
            var (records, gate, keyHash) = ShardOf(key);
            lock (gate) records.Put(records.Seek(key, keyHash), key, head, tail);
        }

        public void Remove(ReadOnlySpan<byte> key)
        {
            var (records, gate, keyHash) = ShardOf(key);
            lock (gate) records.Remove(key, keyHash);
        }

        public ValueTask<(long Version, List<ConversationEvent> Events)?> ReadAsync(ReadOnlyMemory<byte> grainKey) =>
            ValueTask.FromResult<(long, List<ConversationEvent>)?>(TryRead(grainKey.Span, ReadConversation, out var state) ? state : null);

        private static (long Version, List<ConversationEvent> Events) ReadConversation(ReadOnlySpan<byte> stored)
        {
            var version = SplitConversation(stored, out var events);
            return (version, PackedEvents.Unpack(events));
        }

        public ValueTask WriteAsync(ReadOnlyMemory<byte> grainKey, long version, ReadOnlyMemory<byte> packedEvents)
        {
            PutConversation(grainKey.Span, version, packedEvents.Span);
            return ValueTask.CompletedTask;
        }

        public ValueTask<bool> TryAddAsync(ReadOnlyMemory<byte> grainKey, long version, ReadOnlyMemory<byte> packedEvents) =>
            ValueTask.FromResult(PutConversation(grainKey.Span, version, packedEvents.Span, onlyNew: true));

        // Outside the lock: RecordArena.Prefetch is safe while the arena changes.
        public void Prefetch(ReadOnlySpan<byte> grainKey)
        {
            var (records, _, keyHash) = ShardOf(grainKey);
            records.Prefetch(keyHash);
        }

        /// <summary>A conversation's stored record: its version, then its packed events; with <paramref name="onlyNew"/>, only when it has none (one lookup). False when nothing was written.</summary>
        public bool PutConversation(ReadOnlySpan<byte> key, long version, ReadOnlySpan<byte> packedEvents, bool onlyNew = false)
        {
            var head = new PackWriter(10);
            try
            {
                head.WriteVarint((ulong)version);
                var (records, gate, keyHash) = ShardOf(key);
                lock (gate)
                {
                    var place = records.Seek(key, keyHash);
                    if (onlyNew && place.Found) return false;
                    records.Put(place, key, head.Written, packedEvents);
                    return true;
                }
            }
            finally
            {
                head.Dispose();
            }
        }

        public void Dump(Action<ReadOnlySpan<byte>, ReadOnlySpan<byte>> write)
        {
            foreach (var (records, gate) in shards)
            {
                lock (gate)
                {
                    foreach (var handle in records.Handles()) write(records.KeyAt(handle), records.ValueAt(handle));
                }
            }
        }
    }
}
