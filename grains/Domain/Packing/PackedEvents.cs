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
        var packer = new Packer(ordered.Count, ref w);
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
            packer.Rest(ref w, e.Kind, e.Direction, e.Timestamp, e.Channel, e.Digest);
        }
    }

    /// <summary>
    /// Packs events given in <see cref="EventOrder"/> by their parts, ids as ASCII bytes (the
    /// history import's columns): the same bytes as <see cref="Write(ref PackWriter, IReadOnlyList{ConversationEvent})"/>
    /// writes for those events, since an ASCII id's UTF-8 is its characters.
    /// </summary>
    internal struct AsciiWriter(int count, ref PackWriter w)
    {
        private Packer packer = new(count, ref w);

        /// <summary>The next event; <paramref name="previousId"/> is the previous event's id (empty for the first).</summary>
        public void Add(ref PackWriter w, ReadOnlySpan<byte> asciiId, ReadOnlySpan<byte> previousId, EventKind kind, Direction direction, long timestamp, string channel, ulong digest)
        {
            var shared = asciiId.CommonPrefixLength(previousId);
            w.WriteVarint((ulong)shared);
            w.WriteBytes(asciiId[shared..]);
            packer.Rest(ref w, kind, direction, timestamp, channel, digest);
        }
    }

    // The count, then per event (after its id) everything but the id, each relative to the last.
    private struct Packer
    {
        private string? channel;
        private long previous;

        public Packer(int count, ref PackWriter w) => w.WriteVarint((ulong)count);

        public void Rest(ref PackWriter w, EventKind kind, Direction direction, long timestamp, string eventChannel, ulong digest)
        {
            w.WriteByte((byte)(((int)kind << 4) | (int)direction));
            w.WriteSigned(timestamp - previous);
            previous = timestamp;
            var same = eventChannel == channel;
            w.WriteByte(same ? (byte)1 : (byte)0);
            if (!same) w.WriteString(eventChannel);
            channel = eventChannel;
            w.WriteInt64((long)digest);
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
