using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Analytics.Domain.Packing;

/// <summary>
/// Writes the compact binary forms that state is kept in between uses: LEB128 varints, raw
/// 64-bit values and length-prefixed UTF-8, into a pooled buffer (packing happens on every
/// update, so only the result is allocated); <see cref="ToArray()"/> returns exactly the bytes
/// written. Dispose returns the buffer.
/// </summary>
internal ref struct PackWriter
{
    private byte[] buffer;
    private int length;

    public PackWriter(int capacity) => buffer = ArrayPool<byte>.Shared.Rent(Math.Max(64, capacity));

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    public void WriteByte(byte value)
    {
        Ensure(1);
        buffer[length++] = value;
    }

    public void WriteVarint(ulong value)
    {
        Ensure(10);
        length += WriteVarint(buffer.AsSpan(length), value);
    }

    /// <summary>Writes <paramref name="value"/> as a LEB128 varint at the start of <paramref name="to"/> (room for 10 bytes); the bytes written.</summary>
    public static int WriteVarint(Span<byte> to, ulong value)
    {
        var n = 0;
        while (value >= 0x80)
        {
            to[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        to[n++] = (byte)value;
        return n;
    }

    /// <summary>Signed values, small in magnitude either way (zigzag).</summary>
    public void WriteSigned(long value) => WriteVarint((ulong)((value << 1) ^ (value >> 63)));

    public void WriteUInt32(uint value)
    {
        Ensure(4);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(length), value);
        length += 4;
    }

    public void WriteInt64(long value)
    {
        Ensure(8);
        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(length), value);
        length += 8;
    }

    /// <summary>Length-prefixed bytes, read back by <see cref="PackReader.ReadUtf8"/>.</summary>
    public void WriteBytes(ReadOnlySpan<byte> value)
    {
        WriteVarint((ulong)value.Length);
        Ensure(value.Length);
        value.CopyTo(buffer.AsSpan(length));
        length += value.Length;
    }

    public void WriteString(ReadOnlySpan<char> value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)bytes);
        Ensure(bytes);
        length += Encoding.UTF8.GetBytes(value, buffer.AsSpan(length));
    }

    public readonly byte[] ToArray() => buffer.AsSpan(0, length).ToArray();

    /// <summary>What was written so far (valid until the writer is disposed or written to).</summary>
    public readonly ReadOnlySpan<byte> Written => buffer.AsSpan(0, length);

    /// <summary>As <see cref="Written"/>, as memory: for a call that reads it before it returns.</summary>
    public readonly ReadOnlyMemory<byte> WrittenMemory => buffer.AsMemory(0, length);

    /// <summary>The bytes written followed by <paramref name="tail"/>, in one array.</summary>
    public readonly byte[] ToArray(ReadOnlySpan<byte> tail)
    {
        var result = new byte[length + tail.Length];
        buffer.AsSpan(0, length).CopyTo(result);
        tail.CopyTo(result.AsSpan(length));
        return result;
    }

    private void Ensure(int more)
    {
        if (length + more <= buffer.Length) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + more));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }
}

/// <summary>Reads what <see cref="PackWriter"/> wrote; throws <see cref="FormatException"/> on truncated input.</summary>
internal ref struct PackReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> bytes = bytes;
    private int at;

    /// <summary>The bytes not read yet.</summary>
    public readonly ReadOnlySpan<byte> Rest => bytes[at..];

    public byte ReadByte() => at < bytes.Length ? bytes[at++] : throw Truncated();

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = ReadByte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new FormatException("varint longer than 64 bits");
    }

    public long ReadSigned()
    {
        var v = ReadVarint();
        return (long)(v >> 1) ^ -(long)(v & 1);
    }

    public int ReadInt32() => checked((int)ReadVarint());

    public uint ReadUInt32()
    {
        if (at + 4 > bytes.Length) throw Truncated();
        var value = BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]);
        at += 4;
        return value;
    }

    public long ReadInt64()
    {
        if (at + 8 > bytes.Length) throw Truncated();
        var value = BinaryPrimitives.ReadInt64LittleEndian(bytes[at..]);
        at += 8;
        return value;
    }

    /// <summary>The bytes of a length-prefixed string, undecoded.</summary>
    public ReadOnlySpan<byte> ReadUtf8()
    {
        var n = ReadInt32();
        if (at + n > bytes.Length) throw Truncated();
        var value = bytes.Slice(at, n);
        at += n;
        return value;
    }

    public string ReadString()
    {
        var n = ReadInt32();
        if (at + n > bytes.Length) throw Truncated();
        var value = Encoding.UTF8.GetString(bytes.Slice(at, n));
        at += n;
        return value;
    }

    private static FormatException Truncated() => new("packed state ends early");
}
