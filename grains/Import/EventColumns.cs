using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Analytics.Domain;
using Analytics.Domain.Packing;
using Analytics.Ingest;
using Analytics.Models;

namespace Analytics.Import;

/// <summary>
/// Parsed events without an object per event: one row struct each, with the id and conversation
/// id as UTF-8 in one byte buffer. A chunk's events wait in this form until their conversation is
/// imported (a chunk or more later when <see cref="HeldBack"/> holds them), so the collector never
/// traces or copies them; a conversation's <see cref="ConversationEvent"/>s are built only when it
/// is computed, and die young. Rows and bytes are reused after <see cref="Clear"/>.
/// </summary>
public sealed class EventColumns
{
    private Row[] rows;
    private byte[] bytes;
    private int count;
    private int used;

    /// <summary>Empty columns with room for about <paramref name="capacity"/> events.</summary>
    public EventColumns(int capacity = 0)
    {
        rows = new Row[Math.Max(16, capacity)];
        bytes = new byte[Math.Max(256, capacity * 48)];
    }

    /// <summary>Events held.</summary>
    public int Count => count;

    /// <summary>The share of <paramref name="shares"/> that a conversation with hash <paramref name="hash"/> belongs to.</summary>
    public static int ShareOf(int hash, int shares) => (int)((uint)hash % (uint)shares);

    /// <summary>Hash of row <paramref name="row"/>'s conversation (brand, conversation id, audience shard).</summary>
    public int HashOf(int row) => rows[row].Hash;

    /// <summary>Event time of row <paramref name="row"/>.</summary>
    public long TimestampOf(int row) => rows[row].Timestamp;

    /// <summary>Adds a parsed line's event to the share of <paramref name="shares"/> its conversation belongs to.</summary>
    internal static void AddTo(EventColumns[] shares, in LineEvent e, bool keepText = true)
    {
        // Follow and unfollow events share their brand's audience shards, chosen by the event id
        // (GrainKeys.AudienceShard hashes the id string; they are rare, so the string is built).
        var audienceShard = e.Kind == EventKind.Message ? -1 : GrainKeys.AudienceShard(Encoding.UTF8.GetString(e.Id));
        var hash = Hash(e.Brand, e.ConversationId, audienceShard);
        shares[ShareOf(hash, shares.Length)].Add(hash, e.Id, e.Brand, e.ConversationId, new EventFacts(e.Timestamp, e.Channel, e.Kind, e.Direction, e.Complaint), e.Digest, audienceShard, (keepText ? e.Extras : e.Extras?.WithoutText())?.ToBytes());
    }

    /// <summary>Adds an event built elsewhere (a twcs.csv import) to the share of <paramref name="shares"/> its conversation belongs to.</summary>
    public static void AddTo(EventColumns[] shares, CareEvent e)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(e);
        var key = ConversationKey.Of(e);
        var conversationId = Encoding.UTF8.GetBytes(key.ConversationId);
        var hash = Hash(e.Brand, conversationId, key.AudienceShard);
        shares[ShareOf(hash, shares.Length)].Add(hash, Encoding.UTF8.GetBytes(e.Id), e.Brand, conversationId, new EventFacts(e.Timestamp, e.Channel, e.Kind, e.Direction, e.Complaint), e.Digest, key.AudienceShard, e.Extras?.ToBytes());
    }

    /// <summary>Copies every row of <paramref name="source"/> to the end.</summary>
    public void CopyFrom(EventColumns source)
    {
        ArgumentNullException.ThrowIfNull(source);
        // All of the source's bytes in one block; its rows' offsets move by where it lands.
        var at = Reserve(source.used);
        source.bytes.AsSpan(0, source.used).CopyTo(bytes.AsSpan(at));
        if (count + source.count > rows.Length) Array.Resize(ref rows, Math.Max(rows.Length * 2, count + source.count));
        for (var row = 0; row < source.count; row++) rows[count++] = source.rows[row] with { Start = source.rows[row].Start + at };
    }

    /// <summary>Starts loading row <paramref name="row"/> into the cache (<see cref="CacheHints"/>): a conversation's rows lie chunks apart, and each first read missed.</summary>
    public void PrefetchRow(int row) => CacheHints.Prefetch(ref rows[row]);

    /// <summary>Starts loading the id and conversation id of row <paramref name="row"/>; this reads the row, so <see cref="PrefetchRow"/> it a little earlier.</summary>
    public void PrefetchBytes(int row) => CacheHints.Prefetch(ref bytes[rows[row].Start]);

    /// <summary>
    /// Keeps only the rows that <paramref name="numbers"/> does not mark -1, in their order, moved
    /// down in place (a kept row's bytes lie at or after where they go); on return
    /// <paramref name="numbers"/> holds each kept row's new number.
    /// </summary>
    public void Keep(Span<int> numbers)
    {
        var (kept, at) = (0, 0);
        for (var row = 0; row < count; row++)
        {
            if (numbers[row] < 0) continue;
            ref readonly var r = ref rows[row];
            var length = r.IdLength + r.ConversationLength + r.ExtrasLength;
            // Span.CopyTo moves overlapping bytes correctly.
            bytes.AsSpan(r.Start, length).CopyTo(bytes.AsSpan(at));
            rows[kept] = r with { Start = at };
            numbers[row] = kept++;
            at += length;
        }
        (count, used) = (kept, at);
    }

    /// <summary>Forgets every row, keeping the room.</summary>
    public void Clear()
    {
        count = 0;
        used = 0;
    }

    /// <summary>True when rows <paramref name="a"/> and <paramref name="b"/> belong to one conversation.</summary>
    public bool SameConversation(int a, int b)
    {
        ref readonly var x = ref rows[a];
        ref readonly var y = ref rows[b];
        return x.Hash == y.Hash && x.AudienceShard == y.AudienceShard && x.Brand == y.Brand && Conversation(x).SequenceEqual(Conversation(y));
    }

    /// <summary>The event id of row <paramref name="row"/> as UTF-8.</summary>
    public ReadOnlySpan<byte> IdOf(int row) => bytes.AsSpan(rows[row].Start, rows[row].IdLength);

    /// <summary>What a conversation's shape needs of row <paramref name="row"/>'s event.</summary>
    public EventFacts FactsOf(int row)
    {
        ref readonly var r = ref rows[row];
        return new EventFacts(r.Timestamp, r.Channel, r.Kind, r.Direction, r.Complaint, r.ExtrasLength == 0 ? null : MessageExtras.ReadKeys(Extras(r)));
    }

    /// <summary>Row <paramref name="row"/>'s <see cref="MessageExtras"/> as packed, empty for none.</summary>
    public ReadOnlySpan<byte> ExtrasOf(int row) => Extras(rows[row]);

    /// <summary>The canonical digest of row <paramref name="row"/>'s event.</summary>
    public ulong DigestOf(int row) => rows[row].Digest;

    /// <summary>The brand of row <paramref name="row"/>.</summary>
    public string BrandOf(int row) => rows[row].Brand;

    /// <summary>The conversation id of row <paramref name="row"/> as UTF-8 (empty for an audience shard's event).</summary>
    public ReadOnlySpan<byte> ConversationOf(int row) => Conversation(rows[row]);

    /// <summary>The audience shard of row <paramref name="row"/>, or -1 for a message.</summary>
    public int AudienceShardOf(int row) => rows[row].AudienceShard;

    /// <summary>The conversation grain row <paramref name="row"/> belongs to (builds the conversation id string).</summary>
    public ConversationKey KeyOf(int row)
    {
        ref readonly var r = ref rows[row];
        return new ConversationKey(r.Brand, r.ConversationLength == 0 ? string.Empty : Encoding.UTF8.GetString(Conversation(r)), r.AudienceShard);
    }

    /// <summary>Row <paramref name="row"/> as its conversation keeps it (builds the event and its id string).</summary>
    public ConversationEvent EventOf(int row)
    {
        ref readonly var r = ref rows[row];
        return new ConversationEvent(
            Encoding.UTF8.GetString(bytes, r.Start, r.IdLength), r.Kind, r.Direction, r.Timestamp, r.Channel, r.Digest, r.Complaint,
            r.ExtrasLength == 0 ? null : MessageExtras.Read(Extras(r)));
    }

    // The same in every process (System.HashCode is seeded per process): which worker takes a
    // conversation decides when the import hands it to its brand, and so, through the brands'
    // alert judgements, which alerts an import fires; the same file must fire the same ones.
    private static int Hash(string brand, ReadOnlySpan<byte> conversationId, int audienceShard)
    {
        var brandHash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(brand.AsSpan()));
        return (int)XxHash3.HashToUInt64(conversationId, (long)(brandHash + (ulong)audienceShard));
    }

    private void Add(int hash, ReadOnlySpan<byte> id, string brand, ReadOnlySpan<byte> conversationId, in EventFacts facts, ulong digest, int audienceShard, ReadOnlySpan<byte> extras)
    {
        var at = Reserve(id.Length + conversationId.Length + extras.Length);
        id.CopyTo(bytes.AsSpan(at));
        conversationId.CopyTo(bytes.AsSpan(at + id.Length));
        extras.CopyTo(bytes.AsSpan(at + id.Length + conversationId.Length));
        var row = new Row
        {
            Hash = hash,
            Start = at,
            IdLength = checked((ushort)id.Length),
            ConversationLength = checked((ushort)conversationId.Length),
            ExtrasLength = extras.Length,
            AudienceShard = checked((short)audienceShard),
            Timestamp = facts.Timestamp,
            Digest = digest,
            Brand = brand,
            Channel = facts.Channel,
            Kind = facts.Kind,
            Direction = facts.Direction,
            Complaint = facts.Complaint,
        };
        Append(row);
    }

    private ReadOnlySpan<byte> Conversation(in Row r) => bytes.AsSpan(r.Start + r.IdLength, r.ConversationLength);

    private ReadOnlySpan<byte> Extras(in Row r) => bytes.AsSpan(r.Start + r.IdLength + r.ConversationLength, r.ExtrasLength);

    private int Reserve(int length)
    {
        if (used + length > bytes.Length) Array.Resize(ref bytes, Math.Max(bytes.Length * 2, used + length));
        var at = used;
        used += length;
        return at;
    }

    private void Append(in Row row)
    {
        if (count == rows.Length) Array.Resize(ref rows, rows.Length * 2);
        rows[count++] = row;
    }

    // The id's bytes, then the conversation id's, then the extras', at Start. Brand and channel are the parser's
    // shared strings, so a row holds no reference of its own.
    [StructLayout(LayoutKind.Auto)]
    private record struct Row
    {
        public int Hash;
        public int Start;
        // Ids and conversation ids are limited to a few hundred characters (EventLimits), and
        // there are a few audience shards: 16 bits each keep a row at 48 bytes.
        public ushort IdLength;
        public ushort ConversationLength;
        public short AudienceShard;
        public int ExtrasLength;
        public long Timestamp;
        public ulong Digest;
        public string Brand;
        public string Channel;
        public EventKind Kind;
        public Direction Direction;
        public bool Complaint;
    }
}
