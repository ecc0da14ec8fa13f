using System.Numerics;
using Analytics.Domain.Packing;
using Analytics.Models;

namespace Analytics.Import;

/// <summary>
/// One import worker's conversations that may go on in the next chunks. A history in time order
/// brings a conversation's messages minutes to hours apart, so a cut between chunks splits about a
/// third of them, and each split costs its stored state read back, unpacked, merged and packed
/// again, and its brand contribution retracted and replaced. Their events wait here instead, as
/// columns, until the conversation has been quiet for <see cref="Window"/> of event time (the
/// latest time this worker has seen), or the file ends, or the held events pass their bound (the
/// longest-quiet conversations go first). The order events are imported in changes no figure.
/// <para>Grouping is incremental: a chunk's rows are looked up among the held conversations (an
/// open-addressing table over them by hash, a new row compared with its conversation's latest)
/// and linked to their conversation's rows, so a held event is grouped once, not again with every
/// chunk. Rows of imported conversations stay in the columns until they outnumber the held ones,
/// then the held rows move down over them.</para>
/// </summary>
public sealed class HeldBack
{
    private const int NoRow = -1;

    private EventColumns rows = new();
    private readonly ConversationGroups handedOut = new();
    // Per row: the next row of its conversation.
    private int[] next = new int[16];
    // Per row, its number after a compaction (Compact's scratch).
    private int[] renumbered = [];
    // Per held conversation, numbered densely: first and last row, rows, hash, latest event time.
    private Held[] held = new Held[16];
    private int heldCount;
    // Open addressing over the held conversations: each entry is the conversation's hash (high
    // half) and its number plus one (low half, 0 for a free slot), so a probe passes other
    // conversations without reading their rows (a cache miss each).
    private long[] table = [];
    private long heldEvents;
    private long latest = long.MinValue;

    /// <summary>Quiet time (event time, microseconds) after which a conversation is imported.</summary>
    public long Window { get; init; } = 2 * Time.MicrosPerHour;

    /// <summary>Most events held; past it the longest-quiet conversations are imported early.</summary>
    public long MaxEvents { get; init; } = 500_000;

    /// <summary>Events held now.</summary>
    public long Events => heldEvents;

    /// <summary>
    /// Takes one chunk's share and returns the conversations to import now, each with every event
    /// held for it so far: the quiet ones, and with <paramref name="final"/> all of them. What is
    /// returned stays valid until the next call.
    /// </summary>
    public ConversationGroups Take(IEnumerable<EventColumns> share, bool final)
    {
        ArgumentNullException.ThrowIfNull(share);
        if (rows.Count - heldEvents > Math.Max(heldEvents, 1 << 16)) Compact();
        var first = rows.Count;
        foreach (var piece in share) rows.CopyFrom(piece);
        if (next.Length < rows.Count) Array.Resize(ref next, Math.Max(next.Length * 2, rows.Count));
        Index(rows.Count - first);
        for (var row = first; row < rows.Count; row++)
        {
            // Ahead of each row: its conversation's slot, then that conversation's latest row and
            // its bytes, which Link compares (cache misses a row, one after another, before).
            if (row + 16 < rows.Count) PrefetchSlot(row + 16);
            if (row + 8 < rows.Count) PrefetchLatest(row + 8, bytes: false);
            if (row + 4 < rows.Count) PrefetchLatest(row + 4, bytes: true);
            Link(row);
        }
        heldEvents += rows.Count - first;
        return HandOut(final ? long.MaxValue : latest - Window);
    }

    // The held conversations, in a table with room for those a chunk of `incoming` rows may add.
    private void Index(int incoming)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(64, 2 * (heldCount + incoming)));
        if (table.Length < size || table.Length > 4 * size) table = TouchedArrays.Zeroed<long>(size);
        else Array.Clear(table);
        for (var g = 0; g < heldCount; g++) table[FreeSlot(held[g].Hash)] = Entry(held[g].Hash, g);
    }

    private void PrefetchSlot(int row) => CacheHints.Prefetch(ref table[rows.HashOf(row) & (table.Length - 1)]);

    // Only the home slot: at most half the slots are taken, so a conversation is mostly there.
    private void PrefetchLatest(int row, bool bytes)
    {
        var hash = rows.HashOf(row);
        var entry = table[hash & (table.Length - 1)];
        if (entry == 0 || (int)(entry >> 32) != hash) return;
        var latest = held[(int)(uint)entry - 1].Tail;
        if (bytes) rows.PrefetchBytes(latest);
        else rows.PrefetchRow(latest);
    }

    private static long Entry(int hash, int group) => ((long)hash << 32) | (uint)(group + 1);

    private int FreeSlot(int hash)
    {
        var mask = table.Length - 1;
        var slot = hash & mask;
        while (table[slot] != 0) slot = (slot + 1) & mask;
        return slot;
    }

    private void Link(int row)
    {
        var mask = table.Length - 1;
        var timestamp = rows.TimestampOf(row);
        latest = Math.Max(latest, timestamp);
        next[row] = NoRow;
        var hash = rows.HashOf(row);
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = table[slot];
            if (entry == 0)
            {
                if (heldCount == held.Length) Array.Resize(ref held, held.Length * 2);
                held[heldCount] = new Held { Head = row, Tail = row, Size = 1, Hash = hash, Latest = timestamp };
                table[slot] = Entry(hash, heldCount++);
                return;
            }
            if ((int)(entry >> 32) != hash) continue;
            ref var h = ref held[(int)(uint)entry - 1];
            // Against the latest row: often of this chunk, just copied, so still in the cache.
            if (!rows.SameConversation(h.Tail, row)) continue;
            next[h.Tail] = row;
            h.Tail = row;
            h.Size++;
            h.Latest = Math.Max(h.Latest, timestamp);
            return;
        }
    }

    // Hands out the conversations quiet before `quietBefore` (and, over the bound, the longest
    // quiet of the rest); the others stay, renumbered densely.
    private ConversationGroups HandOut(long quietBefore)
    {
        handedOut.Reset(rows);
        var kept = 0;
        long keptEvents = 0;
        for (var g = 0; g < heldCount; g++)
        {
            if (held[g].Latest < quietBefore)
            {
                handedOut.Add(held[g].Head, held[g].Size, next);
            }
            else
            {
                held[kept++] = held[g];
                keptEvents += held[g].Size;
            }
        }
        heldCount = kept;
        if (keptEvents > MaxEvents)
        {
            // Over the bound: the longest-quiet of the rest go too, down to half of it.
            held.AsSpan(0, heldCount).Sort((a, b) => a.Latest.CompareTo(b.Latest));
            var early = 0;
            for (; early < heldCount && keptEvents > MaxEvents / 2; early++)
            {
                handedOut.Add(held[early].Head, held[early].Size, next);
                keptEvents -= held[early].Size;
            }
            held.AsSpan(early, heldCount - early).CopyTo(held);
            heldCount -= early;
        }
        heldEvents = keptEvents;
        return handedOut;
    }

    // Moves the held conversations' rows down over the imported ones' (no handed-out group reads
    // them any more: this runs at the start of a Take), in place and in row order: a
    // conversation's rows are in row order, so its links stay valid renumbered; a stream of rows
    // moves several times faster than following each conversation's links through them (a cache
    // miss a row), and no second set of columns doubles the held rows' memory.
    private void Compact()
    {
        // Marks the held rows (following links touches only `next`).
        if (renumbered.Length < rows.Count) renumbered = new int[Math.Max(rows.Count, 2 * renumbered.Length)];
        var newNumber = renumbered.AsSpan(0, rows.Count);
        newNumber.Fill(NoRow);
        for (var g = 0; g < heldCount; g++)
        {
            for (var row = held[g].Head; row >= 0; row = next[row]) newNumber[row] = 0;
        }
        // Links move down with their rows, then point at the new numbers.
        for (int row = 0, kept = 0; row < newNumber.Length; row++)
        {
            if (newNumber[row] != NoRow) next[kept++] = next[row];
        }
        rows.Keep(newNumber);
        for (var row = 0; row < rows.Count; row++)
        {
            if (next[row] != NoRow) next[row] = newNumber[next[row]];
        }
        for (var g = 0; g < heldCount; g++) (held[g].Head, held[g].Tail) = (newNumber[held[g].Head], newNumber[held[g].Tail]);
    }

    private struct Held
    {
        public int Head;
        public int Tail;
        public int Size;
        // The conversation's hash (EventColumns.HashOf), kept here so that indexing the held
        // conversations reads no row.
        public int Hash;
        public long Latest;
    }
}
