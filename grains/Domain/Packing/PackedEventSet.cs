using Analytics.Models;

namespace Analytics.Domain.Packing;

/// <summary>
/// A conversation's event set kept in its stored form (<see cref="PackedEvents"/>) and extended
/// in place, with what taking its next messages needs: their ids' hash codes and its shape's fold
/// (<see cref="Shape"/>). A live exchange's next messages come after all the conversation holds
/// and carry new ids, so they are appended to the packed bytes, their ids' hashes to an array
/// that tells a new id from one that may be held, and their facts to the fold: no event object
/// per held event, and no work over all of them. A busy conversation keeps the set between calls
/// (a few arrays instead of an object and a string per event, which a busy stream kept alive
/// just long enough for the collector to copy them). Anything else (a duplicate, a late or
/// conflicting copy) is left to <see cref="EventSet"/>'s rules: <see cref="TryAppend"/> refuses
/// it, and the caller unpacks, adds and packs again.
/// </summary>
public sealed class PackedEventSet
{
    // Batches longer than this are not checked for repeated ids pair by pair: the caller adds them.
    private const int MaxAppended = 16;

    private byte[] body = [];
    private int length;
    private int[] idHashes;
    private string lastId = "";
    private long lastTimestamp;
    private string? lastChannel;

    /// <summary>The set of events packed in <paramref name="packed"/> (<see cref="PackedEvents"/>' form; empty for none).</summary>
    public PackedEventSet(ReadOnlySpan<byte> packed)
    {
        var r = new PackedEvents.Reader(packed, stackalloc char[PackedEvents.Reader.StackId]);
        // Room for a few more: a conversation is read to take its next messages.
        idHashes = new int[r.Count + 4];
        while (r.Next())
        {
            idHashes[Count++] = HashOf(r.Id);
            Shape.Add(r.Facts);
            if (Count == r.Count)
            {
                (lastId, lastTimestamp, lastChannel) = (new string(r.Id), r.Timestamp, r.Channel);
            }
        }
        // The events as they are: what follows the count.
        if (packed.IsEmpty) return;
        var events = new PackReader(packed);
        events.ReadVarint();
        Append(events.Rest);
    }

    /// <summary>Number of events.</summary>
    public int Count { get; private set; }

    /// <summary>The fold of the events held: the conversation's shape, to pack its contribution from.</summary>
    public ConversationShape.Running Shape { get; } = new();

    /// <summary>
    /// Appends <paramref name="ordered"/> (in <see cref="EventOrder"/>) when each comes after every
    /// event held and has an id the set does not hold: then they are all new events, and true.
    /// Otherwise nothing changes, and false.
    /// </summary>
    public bool TryAppend(IReadOnlyList<ConversationEvent> ordered)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        if (ordered.Count is 0 or > MaxAppended) return false;
        if (Count > 0 && !After(ordered[0], lastTimestamp, lastId)) return false;
        var held = idHashes.AsSpan(0, Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i];
            if (i > 0 && !After(e, ordered[i - 1].Timestamp, ordered[i - 1].Id)) return false;
            if (held.Contains(HashOf(e.Id))) return false;
            for (var j = 0; j < i; j++)
            {
                if (ordered[j].Id == e.Id) return false;
            }
        }

        var w = new PackWriter(ordered.Count * 32);
        try
        {
            var packer = PackedEvents.Packer.After(lastTimestamp, lastChannel);
            var previousId = lastId;
            for (var i = 0; i < ordered.Count; i++)
            {
                var e = ordered[i];
                packer.Add(ref w, e, previousId);
                previousId = e.Id;
                if (Count == idHashes.Length) Array.Resize(ref idHashes, 2 * Count + 4);
                idHashes[Count++] = HashOf(e.Id);
            }
            Append(w.Written);
        }
        finally
        {
            w.Dispose();
        }
        var last = ordered[^1];
        (lastId, lastTimestamp, lastChannel) = (last.Id, last.Timestamp, last.Channel);
        Shape.Append(ordered, 0);
        return true;
    }

    /// <summary>The set in <see cref="PackedEvents"/>' form, as stored.</summary>
    public byte[] ToArray()
    {
        if (Count == 0) return [];
        var w = new PackWriter(length + 5);
        try
        {
            w.WriteVarint((ulong)Count);
            return w.ToArray(body.AsSpan(0, length));
        }
        finally
        {
            w.Dispose();
        }
    }

    // Not the randomized string hash: a set is built per call of a waiting conversation, over all
    // its ids, and this is cheaper (equal ids hash alike either way).
    private static int HashOf(ReadOnlySpan<char> id) =>
        (int)System.IO.Hashing.XxHash3.HashToUInt64(System.Runtime.InteropServices.MemoryMarshal.AsBytes(id));

    // EventOrder: later in time, or at the same time with an id ordinally greater.
    private static bool After(ConversationEvent e, long timestamp, string id) =>
        e.Timestamp > timestamp || (e.Timestamp == timestamp && string.CompareOrdinal(e.Id, id) > 0);

    private void Append(ReadOnlySpan<byte> bytes)
    {
        if (length + bytes.Length > body.Length) Array.Resize(ref body, Math.Max(length + bytes.Length, 2 * body.Length));
        bytes.CopyTo(body.AsSpan(length));
        length += bytes.Length;
    }
}
