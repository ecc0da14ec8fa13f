using System.Text;
using Analytics.Models;

namespace Analytics.Domain.Packing;

/// <summary>
/// A brand's conversations, each the latest contribution it sent, held as one record
/// (<see cref="KeyedRecords"/>): the conversation id in UTF-8, then the
/// <see cref="PackedContribution"/>. A brand holds every conversation it ever saw, so one object
/// each rather than an id string, an array and a dictionary entry.
/// </summary>
public sealed class HeldConversations
{
    private readonly KeyedRecords records = new();

    /// <summary>Number of conversations held.</summary>
    public int Count => records.Count;

    /// <summary>Every record, in no particular order.</summary>
    public IEnumerable<byte[]> Records => records.All;

    /// <summary>The record of conversation <paramref name="conversationId"/>, or null.</summary>
    public byte[]? Find(string conversationId)
    {
        // Conversation ids are at most a few hundred characters (EventLimits): on the stack.
        var max = Encoding.UTF8.GetMaxByteCount(conversationId.Length);
        Span<byte> utf8 = max <= 1024 ? stackalloc byte[max] : new byte[max];
        var length = Encoding.UTF8.GetBytes(conversationId, utf8);
        return records.Find(utf8[..length]);
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
        records.Put(record);
        return record;
    }

    /// <summary>The version held in a record.</summary>
    public static long VersionOf(byte[] record) => PackedContribution.VersionOf(KeyedRecords.ValueOf(record));

    /// <summary>The latest event time held in a record.</summary>
    public static long MaxTimestampOf(byte[] record) => PackedContribution.MaxTimestampOf(KeyedRecords.ValueOf(record));

    /// <summary>The contribution held in a record.</summary>
    public static Contribution Unpack(byte[] record, ChannelTable channels) =>
        PackedContribution.Unpack(Encoding.UTF8.GetString(KeyedRecords.KeyOf(record)), KeyedRecords.ValueOf(record), channels);

    /// <summary>Orders records by conversation id (ordinal on UTF-8, which is code-point order).</summary>
    public static int CompareIds(byte[] a, byte[] b) => KeyedRecords.KeyOf(a).SequenceCompareTo(KeyedRecords.KeyOf(b));
}
