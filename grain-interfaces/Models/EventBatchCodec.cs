using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Orleans.Serialization.Buffers;
using Orleans.Serialization.Codecs;
using Orleans.Serialization.WireProtocol;

namespace Analytics.Models;

/// <summary>
/// Writes an <see cref="EventBatch"/> as one length-prefixed field: a table of the batch's brands
/// and channels, then each event as a kind byte, two table numbers, its id and conversation id as
/// UTF-8, its time and its digest. The generated codec tracked every event and every string of a
/// batch for shared references (two dictionaries per batch, thousands of entries, on the
/// large-object heap at 4,096 events) and tagged every field: at 150,000 events/s the stream's
/// serialization was a third of what the live silo allocated, and its large arrays set off most
/// full collections. Every path that moves a batch (memory streams, the Redis queue, calls
/// between silos) goes through this codec.
/// </summary>
[RegisterSerializer]
public sealed class EventBatchCodec : IFieldCodec<EventBatch>
{
    /// <inheritdoc />
    public void WriteField<TBufferWriter>(ref Writer<TBufferWriter> writer, uint fieldIdDelta, [System.Diagnostics.CodeAnalysis.AllowNull] Type expectedType, [System.Diagnostics.CodeAnalysis.AllowNull] EventBatch value)
        where TBufferWriter : IBufferWriter<byte>
    {
        if (ReferenceCodec.TryWriteReferenceField(ref writer, fieldIdDelta, expectedType, value)) return;
        writer.WriteFieldHeader(fieldIdDelta, expectedType, typeof(EventBatch), WireType.LengthPrefixed);
        var packed = ArrayPool<byte>.Shared.Rent(MaxPackedLength(value.Events));
        try
        {
            var length = Pack(value.Events, packed);
            writer.WriteVarUInt32((uint)length);
            writer.Write(packed.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packed);
        }
    }

    /// <inheritdoc />
    [return: System.Diagnostics.CodeAnalysis.MaybeNull]
    public EventBatch ReadValue<TInput>(ref Reader<TInput> reader, Field field)
    {
        if (field.WireType == WireType.Reference) return ReferenceCodec.ReadReference<EventBatch, TInput>(ref reader, field)!;
        field.EnsureWireType(WireType.LengthPrefixed);
        var length = (int)reader.ReadVarUInt32();
        var packed = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            reader.ReadBytes(packed.AsSpan(0, length));
            var batch = new EventBatch(Unpack(packed.AsSpan(0, length)));
            ReferenceCodec.RecordObject(reader.Session, batch);
            return batch;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(packed);
        }
    }

    // Strings are limited in length (EventLimits), so a varint prefix takes at most 5 bytes.
    private static int MaxPackedLength(CareEvent[] events)
    {
        var most = 5L;
        foreach (var e in events)
        {
            most += 1 + 5 + 5 + 8 + 8 + 10 + Encoding.UTF8.GetMaxByteCount(e.Id.Length + e.ConversationId.Length);
            if (e.Extras is { } x) most += 5 + 1 + 20 + 8 + 8 + Encoding.UTF8.GetMaxByteCount((x.Author?.Length ?? 0) + (x.Text?.Length ?? 0));
            // A brand or channel new to the table.
            most += 10 + Encoding.UTF8.GetMaxByteCount(e.Brand.Length + e.Channel.Length);
        }
        return checked((int)most);
    }

    /// <summary>Packs <paramref name="events"/> into <paramref name="to"/>; the length written.</summary>
    internal static int Pack(CareEvent[] events, Span<byte> to)
    {
        var at = WriteVarint(to, (uint)events.Length);
        // The table is written as it grows: a number not seen before is followed by its string.
        var table = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            to[at++] = EventCode.Of(e.Kind, e.Direction, e.Complaint, e.Extras is not null);
            at += WriteName(to[at..], e.Brand, table);
            at += WriteName(to[at..], e.Channel, table);
            at += WriteString(to[at..], e.Id);
            at += WriteString(to[at..], e.ConversationId);
            BinaryPrimitives.WriteInt64LittleEndian(to[at..], e.Timestamp);
            BinaryPrimitives.WriteUInt64LittleEndian(to[(at + 8)..], e.Digest);
            at += 16;
            if (e.Extras is { } extras)
            {
                var bytes = extras.ToBytes();
                at += WriteVarint(to[at..], (uint)bytes.Length);
                bytes.CopyTo(to[at..]);
                at += bytes.Length;
            }
        }
        return at;
    }

    /// <summary>The events packed by <see cref="Pack"/>.</summary>
    internal static CareEvent[] Unpack(ReadOnlySpan<byte> from)
    {
        var at = 0;
        var events = new CareEvent[ReadVarint(from, ref at)];
        var table = new List<string>();
        for (var i = 0; i < events.Length; i++)
        {
            var (kind, direction, complaint, hasExtras) = EventCode.Parse(from[at++]);
            var brand = ReadName(from, ref at, table);
            var channel = ReadName(from, ref at, table);
            var id = ReadString(from, ref at);
            var conversationId = ReadString(from, ref at);
            var timestamp = BinaryPrimitives.ReadInt64LittleEndian(from[at..]);
            var digest = BinaryPrimitives.ReadUInt64LittleEndian(from[(at + 8)..]);
            at += 16;
            MessageExtras? extras = null;
            if (hasExtras)
            {
                var length = (int)ReadVarint(from, ref at);
                extras = MessageExtras.Read(from.Slice(at, length));
                at += length;
            }
            events[i] = new CareEvent(id, kind, brand, channel, conversationId, direction, timestamp, digest, complaint, extras);
        }
        if (at != from.Length) throw new FormatException($"an event batch has {from.Length - at} bytes after its {events.Length} events");
        return events;
    }

    // A name's number in the table; a new one is numbered next and written after its number.
    private static int WriteName(Span<byte> to, string name, Dictionary<string, uint> table)
    {
        if (table.TryGetValue(name, out var number)) return WriteVarint(to, number);
        table[name] = number = (uint)table.Count;
        var at = WriteVarint(to, number);
        return at + WriteString(to[at..], name);
    }

    private static string ReadName(ReadOnlySpan<byte> from, ref int at, List<string> table)
    {
        var number = ReadVarint(from, ref at);
        if (number < table.Count) return table[(int)number];
        if (number != table.Count) throw new FormatException($"an event batch names table entry {number} before entry {table.Count}");
        var name = ReadString(from, ref at);
        table.Add(name);
        return name;
    }

    private static int WriteString(Span<byte> to, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        var at = WriteVarint(to, (uint)length);
        return at + Encoding.UTF8.GetBytes(value, to[at..]);
    }

    private static string ReadString(ReadOnlySpan<byte> from, ref int at)
    {
        var length = (int)ReadVarint(from, ref at);
        var value = Encoding.UTF8.GetString(from.Slice(at, length));
        at += length;
        return value;
    }

    private static int WriteVarint(Span<byte> to, uint value)
    {
        var at = 0;
        for (; value >= 0x80; value >>= 7) to[at++] = (byte)(value | 0x80);
        to[at++] = (byte)value;
        return at;
    }

    private static uint ReadVarint(ReadOnlySpan<byte> from, ref int at)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = from[at++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new FormatException("an event batch holds a malformed number");
    }
}
