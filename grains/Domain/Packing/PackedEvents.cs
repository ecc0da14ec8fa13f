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
        var packer = Packer.Start(ordered.Count, ref w);
        var previousId = "";
        // By index: a foreach over the interface would box the list's enumerator.
        for (var i = 0; i < ordered.Count; i++)
        {
            var e = ordered[i];
            packer.Add(ref w, e, previousId);
            previousId = e.Id;
        }
    }

    /// <summary>
    /// Packs events given in <see cref="EventOrder"/> by their parts, ids as ASCII bytes (the
    /// history import's columns): the same bytes as <see cref="Write(ref PackWriter, IReadOnlyList{ConversationEvent})"/>
    /// writes for those events, since an ASCII id's UTF-8 is its characters.
    /// </summary>
    internal struct AsciiWriter(int count, ref PackWriter w)
    {
        private Packer packer = Packer.Start(count, ref w);

        /// <summary>The next event; <paramref name="previousId"/> is the previous event's id (empty for the first).</summary>
        /// <param name="w">Where the events are packed.</param>
        /// <param name="asciiId">The event's id.</param>
        /// <param name="previousId">The previous event's id (empty for the first).</param>
        /// <param name="facts">The event's facts.</param>
        /// <param name="digest">Its canonical digest.</param>
        /// <param name="extras">Its <see cref="MessageExtras"/> as <see cref="MessageExtras.ToBytes"/> writes them, empty for none.</param>
        public void Add(ref PackWriter w, ReadOnlySpan<byte> asciiId, ReadOnlySpan<byte> previousId, in EventFacts facts, ulong digest, ReadOnlySpan<byte> extras)
        {
            var shared = asciiId.CommonPrefixLength(previousId);
            w.WriteVarint((ulong)shared);
            w.WriteBytes(asciiId[shared..]);
            packer.Rest(ref w, facts.Kind, facts.Direction, facts.Complaint, facts.Timestamp, facts.Channel, digest, extras);
        }
    }

    // The count, then per event its id and everything else, each relative to the previous event.
    internal struct Packer
    {
        private string? channel;
        private long previous;

        /// <summary>Writes the count of the events to come.</summary>
        public static Packer Start(int count, ref PackWriter w)
        {
            w.WriteVarint((ulong)count);
            return default;
        }

        /// <summary>Goes on after an event at <paramref name="timestamp"/> on <paramref name="lastChannel"/> (events appended to packed ones).</summary>
        public static Packer After(long timestamp, string? lastChannel) => new() { previous = timestamp, channel = lastChannel };

        /// <summary>The next event; <paramref name="previousId"/> is the previous event's id (empty for the first).</summary>
        public void Add(ref PackWriter w, ConversationEvent e, string previousId)
        {
            var shared = e.Id.AsSpan().CommonPrefixLength(previousId);
            // Never split a surrogate pair: each part must be valid UTF-16 on its own.
            if (shared > 0 && char.IsHighSurrogate(e.Id[shared - 1])) shared--;
            w.WriteVarint((ulong)shared);
            w.WriteString(e.Id.AsSpan(shared));
            Rest(ref w, e.Kind, e.Direction, e.Complaint, e.Timestamp, e.Channel, e.Digest, e.Extras is { } x ? x.ToBytes() : default);
        }

        /// <summary>Everything of an event after its id; <paramref name="extras"/> empty for none.</summary>
        public void Rest(ref PackWriter w, EventKind kind, Direction direction, bool complaint, long timestamp, string eventChannel, ulong digest, ReadOnlySpan<byte> extras)
        {
            w.WriteByte(EventCode.Of(kind, direction, complaint, !extras.IsEmpty));
            w.WriteSigned(timestamp - previous);
            previous = timestamp;
            var same = eventChannel == channel;
            w.WriteByte(same ? (byte)1 : (byte)0);
            if (!same) w.WriteString(eventChannel);
            channel = eventChannel;
            w.WriteInt64((long)digest);
            if (!extras.IsEmpty) w.WriteBytes(extras);
        }
    }

    /// <summary>The events of <paramref name="packed"/>, in order; an empty list for no bytes.</summary>
    public static List<ConversationEvent> Unpack(ReadOnlySpan<byte> packed)
    {
        var r = new Reader(packed, stackalloc char[Reader.StackId]);
        var events = new List<ConversationEvent>(r.Count);
        while (r.Next()) events.Add(new ConversationEvent(new string(r.Id), r.Kind, r.Direction, r.Timestamp, r.Channel, r.Digest, r.Complaint, r.ExtrasBytes.IsEmpty ? null : MessageExtras.Read(r.ExtrasBytes)));
        return events;
    }

    /// <summary>Reads packed events in order without an object per event: the id as characters in a buffer of the reader's.</summary>
    internal ref struct Reader
    {
        /// <summary>Characters of a buffer on the stack that holds most ids (a longer one moves to the heap).</summary>
        public const int StackId = 128;

        private PackReader r;
        private int left;
        private Span<char> id;
        private int idLength;

        /// <param name="packed">The packed events.</param>
        /// <param name="idBuffer">Where ids are decoded (e.g. <see cref="StackId"/> characters on the stack).</param>
        public Reader(ReadOnlySpan<byte> packed, Span<char> idBuffer)
        {
            r = new PackReader(packed);
            id = idBuffer;
            Count = left = packed.IsEmpty ? 0 : r.ReadInt32();
        }

        /// <summary>Number of events.</summary>
        public int Count { get; }

        /// <summary>The current event's id (valid until <see cref="Next"/>).</summary>
        public readonly ReadOnlySpan<char> Id => id[..idLength];

        public EventKind Kind { get; private set; }

        public Direction Direction { get; private set; }

        public bool Complaint { get; private set; }

        /// <summary>The current event's <see cref="MessageExtras"/> as packed, empty for none (valid until <see cref="Next"/>).</summary>
        public ReadOnlySpan<byte> ExtrasBytes { get; private set; }

        /// <summary>The current event's facts.</summary>
        public readonly EventFacts Facts =>
            new(Timestamp, Channel, Kind, Direction, Complaint, ExtrasBytes.IsEmpty ? null : MessageExtras.ReadKeys(ExtrasBytes));

        public long Timestamp { get; private set; }

        public string Channel { get; private set; } = "";

        public ulong Digest { get; private set; }

        /// <summary>Moves to the next event; false after the last.</summary>
        public bool Next()
        {
            if (left == 0) return false;
            left--;
            var shared = r.ReadInt32();
            if (shared > idLength) throw new FormatException($"id shares {shared} characters with a previous id of {idLength}");
            var rest = r.ReadUtf8();
            var most = shared + System.Text.Encoding.UTF8.GetMaxCharCount(rest.Length);
            if (most > id.Length)
            {
                var larger = new char[Math.Max(most, 2 * id.Length)];
                id[..idLength].CopyTo(larger);
                id = larger;
            }
            idLength = shared + System.Text.Encoding.UTF8.GetChars(rest, id[shared..]);
            (Kind, Direction, Complaint, var hasExtras) = EventCode.Parse(r.ReadByte());
            Timestamp += r.ReadSigned();
            if (r.ReadByte() == 0) Channel = r.ReadString();
            Digest = (ulong)r.ReadInt64();
            ExtrasBytes = hasExtras ? r.ReadUtf8() : default;
            return true;
        }
    }
}
