using Analytics.Models;

namespace Analytics.Domain.Packing;

/// <summary>
/// A conversation's event set as kept in storage: about 25 bytes an event instead of an object
/// graph of records and strings, because idle conversations far outnumber active ones. Events are
/// in <see cref="EventOrder"/>, so timestamps are written as growing deltas and a channel only
/// when it differs from the previous event's; an id is written as the length of the prefix it
/// shares with the previous id and the rest (a conversation's ids tend to share most digits).
/// </summary>
public static class PackedEvents
{
    /// <summary>Packs events given in <see cref="EventOrder"/>.</summary>
    public static byte[] Pack(IReadOnlyList<ConversationEvent> ordered)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var w = new PackWriter(16 + (ordered.Count * 28));
        try
        {
            Write(ref w, ordered);
            return w.ToArray();
        }
        finally
        {
            w.Dispose();
        }
    }

    /// <summary>Packs events given in <see cref="EventOrder"/> into <paramref name="w"/> (no array of their own).</summary>
    internal static void Write(ref PackWriter w, IReadOnlyList<ConversationEvent> ordered)
    {
        w.WriteVarint((ulong)ordered.Count);
        string? channel = null;
        var previous = 0L;
        var previousId = "";
        // By index: a foreach over the interface would box the list's enumerator.
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i];
            var shared = e.Id.AsSpan().CommonPrefixLength(previousId);
            // Never split a surrogate pair: each part must be valid UTF-16 on its own.
            if (shared > 0 && char.IsHighSurrogate(e.Id[shared - 1])) shared--;
            w.WriteVarint((ulong)shared);
            w.WriteString(e.Id.AsSpan(shared));
            previousId = e.Id;
            w.WriteByte((byte)(((int)e.Kind << 4) | (int)e.Direction));
            w.WriteSigned(e.Timestamp - previous);
            previous = e.Timestamp;
            var same = e.Channel == channel;
            w.WriteByte(same ? (byte)1 : (byte)0);
            if (!same) w.WriteString(e.Channel);
            channel = e.Channel;
            w.WriteInt64((long)e.Digest);
        }
    }

    /// <summary>The events of <paramref name="packed"/>, in order; an empty list for no bytes.</summary>
    public static List<ConversationEvent> Unpack(ReadOnlySpan<byte> packed)
    {
        if (packed.IsEmpty) return [];
        var r = new PackReader(packed);
        var count = r.ReadInt32();
        var events = new List<ConversationEvent>(count);
        var channel = "";
        var timestamp = 0L;
        var id = "";
        for (var i = 0; i < count; i++)
        {
            var shared = r.ReadInt32();
            if (shared > id.Length) throw new FormatException($"id shares {shared} characters with a previous id of {id.Length}");
            id = string.Concat(id.AsSpan(0, shared), r.ReadString());
            var kindAndDirection = r.ReadByte();
            timestamp += r.ReadSigned();
            if (r.ReadByte() == 0) channel = r.ReadString();
            var digest = (ulong)r.ReadInt64();
            events.Add(new ConversationEvent(id, (EventKind)(kindAndDirection >> 4), (Direction)(kindAndDirection & 0x0F), timestamp, channel, digest));
        }
        return events;
    }
}
