using System.Text;
using Analytics.Models;

namespace Analytics.Domain.Packing;

/// <summary>
/// A brand's conversations, each the latest contribution it sent, packed
/// (<see cref="PackedContribution"/>) under its conversation id in a <see cref="RecordArena"/>.
/// A brand holds every conversation it ever saw, millions of them, so not an object each: the
/// records lie in slabs the collector never walks, and are read back only to be retracted when
/// the conversation changes, or for a listing.
/// </summary>
public sealed class HeldConversations
{
    private readonly RecordArena records = new();

    /// <summary>Number of conversations held.</summary>
    public int Count => records.Count;

    /// <summary>The version held for <paramref name="conversationId"/>, or null.</summary>
    public long? VersionOf(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        return records.TryGet(Utf8(conversationId, stackalloc byte[MaxStackKey]), out var packed) ? PackedContribution.VersionOf(packed) : null;
    }

    /// <summary>
    /// Holds <paramref name="next"/> as its conversation's record unless the record held has the
    /// same or a newer version (then false); <paramref name="replaced"/> is the record it replaced,
    /// unpacked, or null. One lookup for both.
    /// </summary>
    public bool TryReplace(Contribution next, ChannelTable channels, out Contribution? replaced)
    {
        ArgumentNullException.ThrowIfNull(next);
        replaced = null;
        var key = Utf8(next.ConversationId, stackalloc byte[MaxStackKey]);
        var place = records.Seek(key);
        if (place.Found)
        {
            var held = records.ValueOf(place);
            if (PackedContribution.VersionOf(held) >= next.Version) return false;
            replaced = PackedContribution.Unpack(next.ConversationId, held, channels);
        }
        var w = new PackWriter(64 + (next.Activity.Length * 12));
        try
        {
            PackedContribution.Write(ref w, next, channels);
            records.Put(place, key, w.Written);
        }
        finally
        {
            w.Dispose();
        }
        return true;
    }

    /// <summary>Every held contribution, unpacked one at a time; the set must not change meanwhile.</summary>
    public IEnumerable<Contribution> All(ChannelTable channels)
    {
        foreach (var handle in records.Handles())
        {
            yield return PackedContribution.Unpack(Encoding.UTF8.GetString(records.KeyAt(handle)), records.ValueAt(handle), channels);
        }
    }

    /// <summary>Conversations whose running wait started from <paramref name="from"/> to <paramref name="to"/> (inclusive), with its start; reads no more than each record's head.</summary>
    public List<(string ConversationId, long Since)> WaitingBetween(long from, long to)
    {
        var found = new List<(string, long)>();
        foreach (var handle in records.Handles())
        {
            if (PackedContribution.WaitingSinceOf(records.ValueAt(handle)) is { } since && since >= from && since <= to)
            {
                found.Add((Encoding.UTF8.GetString(records.KeyAt(handle)), since));
            }
        }
        return found;
    }

    /// <summary>The latest event time of all held contributions; long.MinValue for none.</summary>
    public long MaxTimestamp()
    {
        var max = long.MinValue;
        foreach (var handle in records.Handles()) max = Math.Max(max, PackedContribution.MaxTimestampOf(records.ValueAt(handle)));
        return max;
    }

    // Conversation ids are at most a few hundred characters (EventLimits): their UTF-8 fits on the stack.
    private const int MaxStackKey = 1024;

    private static ReadOnlySpan<byte> Utf8(string id, Span<byte> buffer)
    {
        var bytes = Encoding.UTF8.GetMaxByteCount(id.Length) <= buffer.Length ? buffer : new byte[Encoding.UTF8.GetMaxByteCount(id.Length)];
        return bytes[..Encoding.UTF8.GetBytes(id, bytes)];
    }
}
