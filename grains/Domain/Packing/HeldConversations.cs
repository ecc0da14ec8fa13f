using System.Text;
using Analytics.Models;

namespace Analytics.Domain.Packing;

/// <summary>
/// A brand's conversations, each the latest contribution it sent, held as one byte array:
/// [conversation id, UTF-8, length-prefixed][<see cref="PackedContribution"/>]. One object per
/// conversation instead of an id string, an array and a dictionary entry's share, because a
/// brand holds every conversation it ever saw. The set compares records by their id; a record is
/// replaced whole when its conversation changes.
/// </summary>
public sealed class HeldConversations
{
    private readonly HashSet<byte[]> records = new(IdComparer.Instance);
    private readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> byId;

    /// <summary>An empty set.</summary>
    public HeldConversations() => byId = records.GetAlternateLookup<ReadOnlySpan<byte>>();

    /// <summary>Number of conversations held.</summary>
    public int Count => records.Count;

    /// <summary>Every record, in no particular order.</summary>
    public IEnumerable<byte[]> Records => records;

    /// <summary>The record of conversation <paramref name="conversationId"/>, or null.</summary>
    public byte[]? Find(string conversationId)
    {
        // Conversation ids are at most a few hundred characters (EventLimits): on the stack.
        var max = Encoding.UTF8.GetMaxByteCount(conversationId.Length);
        Span<byte> utf8 = max <= 1024 ? stackalloc byte[max] : new byte[max];
        var length = Encoding.UTF8.GetBytes(conversationId, utf8);
        return byId.TryGetValue(utf8[..length], out var record) ? record : null;
    }

    /// <summary>Holds <paramref name="c"/> as its conversation's record, replacing any older one; returns the new record.</summary>
    public byte[] Put(Contribution c, ChannelTable channels)
    {
        var w = new PackWriter(64 + (c.Activity.Length * 12));
        byte[] record;
        try
        {
            w.WriteString(c.ConversationId);
            PackedContribution.Write(ref w, c, channels);
            record = w.ToArray();
        }
        finally
        {
            w.Dispose();
        }
        records.Remove(record);
        records.Add(record);
        return record;
    }

    /// <summary>The version held in a record.</summary>
    public static long VersionOf(byte[] record)
    {
        var r = new PackReader(record);
        r.ReadUtf8();
        return (long)r.ReadVarint();
    }

    /// <summary>The contribution held in a record.</summary>
    public static Contribution Unpack(byte[] record, ChannelTable channels)
    {
        var r = new PackReader(record);
        var id = r.ReadString();
        return PackedContribution.Read(ref r, id, channels);
    }

    /// <summary>Orders records by conversation id (ordinal on UTF-8, which is code-point order).</summary>
    public static int CompareIds(byte[] a, byte[] b) => IdOf(a).SequenceCompareTo(IdOf(b));

    private static ReadOnlySpan<byte> IdOf(byte[] record) => new PackReader(record).ReadUtf8();

    private sealed class IdComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static IdComparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x is not null && y is not null && IdOf(x).SequenceEqual(IdOf(y));

        public int GetHashCode(byte[] record) => GetHashCode(IdOf(record));

        public bool Equals(ReadOnlySpan<byte> id, byte[] record) => id.SequenceEqual(IdOf(record));

        public int GetHashCode(ReadOnlySpan<byte> id) => (int)System.IO.Hashing.XxHash3.HashToUInt64(id);

        public byte[] Create(ReadOnlySpan<byte> id) => throw new NotSupportedException("records are added whole");
    }
}
