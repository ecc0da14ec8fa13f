using System.Text;
using Analytics.Models;

namespace Analytics.Domain.Packing;

/// <summary>
/// A brand's conversations, each the latest contribution it sent, packed
/// (<see cref="PackedContribution"/>) under its conversation id's UTF-8 in a <see cref="RecordArena"/>.
/// A brand holds every conversation it ever saw, millions of them, so not an object each: the
/// records lie in slabs the collector never walks, and are read in place when the conversation
/// changes (to retract it), or unpacked for a listing.
/// </summary>
public sealed class HeldConversations
{
    // Conversation ids are at most a few hundred characters (EventLimits): their UTF-8 fits on the stack.
    internal const int MaxStackKey = 1024;

    private readonly RecordArena records = new();

    /// <summary>Number of conversations held.</summary>
    public int Count => records.Count;

    /// <summary>The version held for <paramref name="conversationId"/>, or null.</summary>
    public long? VersionOf(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        return records.TryGet(Utf8(conversationId, stackalloc byte[MaxStackKey]), out var packed) ? PackedContribution.VersionOf(packed) : null;
    }

    /// <summary>Where the record of a conversation id (UTF-8) is, or would go.</summary>
    internal Place Find(ReadOnlySpan<byte> key) => records.Seek(key);

    /// <summary>Starts loading where <see cref="Find"/> of <paramref name="key"/> will look (<see cref="RecordArena.Prefetch(ReadOnlySpan{byte})"/>).</summary>
    internal void Prefetch(ReadOnlySpan<byte> key) => records.Prefetch(key);

    /// <summary>The record found at <paramref name="place"/> (valid until the next change).</summary>
    internal ReadOnlySpan<byte> Held(Place place) => records.ValueOf(place);

    /// <summary>Holds <paramref name="packed"/> as the record of <paramref name="key"/>, at the place <see cref="Find"/> gave, with no change in between.</summary>
    internal void Hold(Place place, ReadOnlySpan<byte> key, ReadOnlySpan<byte> packed) => records.Put(place, key, packed);

    /// <summary>Hands every held record to <paramref name="action"/>; the set must not change meanwhile.</summary>
    internal void ForEach(PackedAction action)
    {
        foreach (var handle in records.Handles()) action(records.ValueAt(handle));
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

    /// <summary>A conversation id's UTF-8, in <paramref name="buffer"/> when it fits.</summary>
    internal static ReadOnlySpan<byte> Utf8(string id, Span<byte> buffer)
    {
        var bytes = Encoding.UTF8.GetMaxByteCount(id.Length) <= buffer.Length ? buffer : new byte[Encoding.UTF8.GetMaxByteCount(id.Length)];
        return bytes[..Encoding.UTF8.GetBytes(id, bytes)];
    }
}

/// <summary>Takes one packed record, in place.</summary>
internal delegate void PackedAction(ReadOnlySpan<byte> packed);
