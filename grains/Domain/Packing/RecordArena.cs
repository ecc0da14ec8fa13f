using System.Buffers.Binary;
using System.IO.Hashing;

namespace Analytics.Domain.Packing;

/// <summary>
/// Key-value records by the million, packed into large slabs instead of an array each. The
/// collector sees a few dozen slabs (large-object heap, never copied) and an index of plain longs
/// (never scanned), where an array per record made every collection walk, and every young one
/// copy, a million small objects: the records of idle conversations outlive everything else. A
/// record is [key length][value length][key][value]; the index is open addressing with linear
/// probing over handles that hold the record's slab and offset and 24 bits of its key's hash
/// (one array, so a lookup costs one cache miss, not one for the handle and one for the hash:
/// the arenas of conversation states are far larger than the cache). A replaced or removed record leaves a hole; when holes
/// outweigh the live records, the live records are copied into fresh slabs. Not thread-safe, and
/// a span it hands out is valid only until the next change.
/// </summary>
internal sealed class RecordArena
{
    // Slabs start small and double up to the largest: a brand with a few conversations has an
    // arena too, and should not pay a megabyte for it.
    private const int FirstSlabBytes = 4 << 10, MaxSlabBytes = 1 << 20;
    private const int Header = 8;
    // Holes are copied away once they outweigh the live records (so the copying costs at most as
    // much as the writing that made them) and are worth a copy at all.
    private const long MinHoleBytes = 64 << 10;

    // A handle: [24 bits of the key's hash][slab number, from 1][offset in the slab]. Offsets fit
    // 20 bits because a slab is at most MaxSlabBytes, or holds one larger record at offset 0. The
    // stored bits of the hash choose a record's home slot too, so the index grows without reading
    // keys back (beyond 2^24 slots, homes repeat and probes lengthen; nothing breaks).
    private const int OffsetBits = 20, SlabBits = 20, HashBits = 24;
    private const long OffsetMask = (1L << OffsetBits) - 1, SlabMask = (1L << SlabBits) - 1;
    private const int HashMask = (1 << HashBits) - 1;

    private readonly List<byte[]> slabs = [];
    private long[] slots = new long[16];
    private int used;
    private long liveBytes, totalBytes;

    /// <summary>Number of records.</summary>
    public int Count { get; private set; }

    /// <summary>The value stored under <paramref name="key"/>, if any (valid until the next change).</summary>
    public bool TryGet(ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value) => TryGet(key, KeyHash(key), out value);

    /// <summary>As <see cref="TryGet(ReadOnlySpan{byte}, out ReadOnlySpan{byte})"/>, given the key's <see cref="KeyHash"/>.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, ulong keyHash, out ReadOnlySpan<byte> value)
    {
        var place = Seek(key, keyHash);
        value = place.Found ? ValueOf(place) : default;
        return place.Found;
    }

    /// <summary>Where the record of <paramref name="key"/> is, or would go: one lookup for a read and a <see cref="Put(Place, ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> after it.</summary>
    public Place Seek(ReadOnlySpan<byte> key) => Seek(key, KeyHash(key));

    /// <summary>As <see cref="Seek(ReadOnlySpan{byte})"/>, given the key's <see cref="KeyHash"/> (one hash for a lookup and what chose the arena).</summary>
    public Place Seek(ReadOnlySpan<byte> key, ulong keyHash)
    {
        var hash = (int)keyHash & HashMask;
        var mask = slots.Length - 1;
        var at = hash & mask;
        for (; slots[at] != 0; at = (at + 1) & mask)
        {
            if (HashOf(slots[at]) == hash && KeyAt(slots[at]).SequenceEqual(key)) return new Place(at, hash, true);
        }
        return new Place(at, hash, false);
    }

    /// <summary>
    /// Starts loading the index slot where a lookup of <paramref name="key"/> begins, so that the
    /// lookup a little later finds it in the cache: the index of a million records is far larger
    /// than the cache, and a lookup of a new key costs one miss there. A hint only: safe to call
    /// while another thread changes the arena, since a prefetch never faults.
    /// </summary>
    public void Prefetch(ReadOnlySpan<byte> key) => Prefetch(KeyHash(key));

    /// <summary>As <see cref="Prefetch(ReadOnlySpan{byte})"/>, given the key's <see cref="KeyHash"/>.</summary>
    public void Prefetch(ulong keyHash)
    {
        var index = slots;
        CacheHints.Prefetch(ref index[(int)keyHash & HashMask & (index.Length - 1)]);
    }

    /// <summary>The value of a record found by <see cref="Seek(ReadOnlySpan{byte})"/> (valid until the next change).</summary>
    public ReadOnlySpan<byte> ValueOf(Place place) => place.Found ? ValueAt(slots[place.Slot]) : throw new ArgumentException("no record there", nameof(place));

    /// <summary>Stores <paramref name="head"/> followed by <paramref name="tail"/> under <paramref name="key"/>, replacing what was there.</summary>
    public void Put(ReadOnlySpan<byte> key, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail = default) => Put(Seek(key), key, head, tail);

    /// <summary>As <see cref="Put(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> at the place <see cref="Seek(ReadOnlySpan{byte})"/> gave for <paramref name="key"/>, with no change in between.</summary>
    public void Put(Place place, ReadOnlySpan<byte> key, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail = default)
    {
        var handle = Append(key, head, tail, place.Hash);
        if (place.Found)
        {
            Forget(slots[place.Slot]);
            slots[place.Slot] = handle;
        }
        else
        {
            // The probe ended at a free slot; a growing index places the record anew.
            if ((Count + 1) * 10 > slots.Length * 7) Insert(handle);
            else slots[place.Slot] = handle;
            Count++;
        }
        CompactIfSparse();
    }

    /// <summary>Removes the record of <paramref name="key"/>; false if there was none.</summary>
    public bool Remove(ReadOnlySpan<byte> key) => Remove(key, KeyHash(key));

    /// <summary>As <see cref="Remove(ReadOnlySpan{byte})"/>, given the key's <see cref="KeyHash"/>.</summary>
    public bool Remove(ReadOnlySpan<byte> key, ulong keyHash)
    {
        var place = Seek(key, keyHash);
        if (!place.Found) return false;
        var at = place.Slot;
        Forget(slots[at]);
        Count--;
        // Backward-shift deletion keeps every probe sequence unbroken without tombstones.
        var mask = slots.Length - 1;
        var hole = at;
        for (var next = (hole + 1) & mask; slots[next] != 0; next = (next + 1) & mask)
        {
            var home = HashOf(slots[next]) & mask;
            var between = hole <= next ? home > hole && home <= next : home > hole || home <= next;
            if (between) continue;
            slots[hole] = slots[next];
            hole = next;
        }
        slots[hole] = 0;
        return true;
    }

    /// <summary>Every record's handle, in no particular order; valid while the arena does not change.</summary>
    public IEnumerable<long> Handles()
    {
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] != 0) yield return slots[i];
        }
    }

    /// <summary>The key of the record at <paramref name="handle"/> (from <see cref="Handles"/>).</summary>
    public ReadOnlySpan<byte> KeyAt(long handle)
    {
        var r = Record(handle);
        return r.Slice(Header, BinaryPrimitives.ReadInt32LittleEndian(r));
    }

    /// <summary>The value of the record at <paramref name="handle"/> (from <see cref="Handles"/>).</summary>
    public ReadOnlySpan<byte> ValueAt(long handle)
    {
        var r = Record(handle);
        return r.Slice(Header + BinaryPrimitives.ReadInt32LittleEndian(r), BinaryPrimitives.ReadInt32LittleEndian(r[4..]));
    }

    /// <summary>The hash of a key that lookups take: its low bits place the record, so a caller choosing among arenas uses its high ones.</summary>
    public static ulong KeyHash(ReadOnlySpan<byte> key) => XxHash3.HashToUInt64(key);

    private static int HashOf(long handle) => (int)(handle >>> (OffsetBits + SlabBits));

    private void Insert(long handle)
    {
        if ((Count + 1) * 10 > slots.Length * 7) Grow();
        var mask = slots.Length - 1;
        var at = HashOf(handle) & mask;
        while (slots[at] != 0) at = (at + 1) & mask;
        slots[at] = handle;
    }

    private void Grow()
    {
        var old = slots;
        slots = TouchedArrays.Zeroed<long>(old.Length * 2);
        foreach (var handle in old)
        {
            if (handle != 0) Insert(handle);
        }
    }

    private long Append(ReadOnlySpan<byte> key, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail, int hash)
    {
        var size = Header + key.Length + head.Length + tail.Length;
        if (slabs.Count == 0 || used + size > slabs[^1].Length)
        {
            // A record larger than a slab gets a slab of its own.
            var next = slabs.Count == 0 ? FirstSlabBytes : Math.Min(MaxSlabBytes, slabs[^1].Length * 2);
            if (slabs.Count == SlabMask) throw new InvalidOperationException($"an arena holds at most {SlabMask:N0} slabs");
            // Not zeroed: every byte of a slab is written before it is read.
            slabs.Add(GC.AllocateUninitializedArray<byte>(Math.Max(next, size)));
            used = 0;
        }
        var slab = slabs[^1].AsSpan(used, size);
        BinaryPrimitives.WriteInt32LittleEndian(slab, key.Length);
        BinaryPrimitives.WriteInt32LittleEndian(slab[4..], head.Length + tail.Length);
        key.CopyTo(slab[Header..]);
        head.CopyTo(slab[(Header + key.Length)..]);
        tail.CopyTo(slab[(Header + key.Length + head.Length)..]);
        var handle = ((long)hash << (OffsetBits + SlabBits)) | ((long)slabs.Count << OffsetBits) | (uint)used;
        used += size;
        liveBytes += size;
        totalBytes += size;
        return handle;
    }

    private void Forget(long handle) => liveBytes -= Header + KeyAt(handle).Length + ValueAt(handle).Length;

    private Span<byte> Record(long handle) => Record(slabs, handle);

    private static Span<byte> Record(IReadOnlyList<byte[]> slabs, long handle) =>
        slabs[(int)((handle >> OffsetBits) & SlabMask) - 1].AsSpan((int)(handle & OffsetMask));

    private void CompactIfSparse()
    {
        var holes = totalBytes - liveBytes;
        if (holes < MinHoleBytes || holes < liveBytes) return;
        var old = new List<long>(Count);
        foreach (var handle in slots)
        {
            if (handle != 0) old.Add(handle);
        }
        var oldSlabs = slabs.ToArray();
        slabs.Clear();
        used = 0;
        (liveBytes, totalBytes) = (0, 0);
        Array.Clear(slots);
        Count = 0;
        foreach (var handle in old)
        {
            var record = Record(oldSlabs, handle);
            var key = record.Slice(Header, BinaryPrimitives.ReadInt32LittleEndian(record));
            var value = record.Slice(Header + key.Length, BinaryPrimitives.ReadInt32LittleEndian(record[4..]));
            Insert(Append(key, value, default, HashOf(handle)));
            Count++;
        }
    }
}

/// <summary>A key's slot in a <see cref="RecordArena"/>'s index, from <see cref="RecordArena.Seek(ReadOnlySpan{byte})"/>.</summary>
/// <param name="Slot">The record's slot, or the free slot the lookup ended at.</param>
/// <param name="Hash">The key's hash.</param>
/// <param name="Found">True when a record of the key is at <paramref name="Slot"/>.</param>
internal readonly record struct Place(int Slot, int Hash, bool Found);
