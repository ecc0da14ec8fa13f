using System.Buffers.Binary;
using System.Text;

namespace Analytics.Models;

/// <summary>
/// What an event carries beyond the metrics' facts: what ingest derived from it (an outbound
/// message's <see cref="ReplySketch"/>, a key of its author) and, when the engine keeps text
/// (<c>Analytics:KeepText</c>, on by default), the author and the text themselves, for the
/// conversation view. Null on an event that has none of these (most generated traffic).
/// </summary>
/// <param name="Sketch">Near-duplicate keys of an outbound message's text.</param>
/// <param name="AuthorKey">A 64-bit hash of the author (0: none), kept even without text: unfollows are matched to conversations by it.</param>
/// <param name="Author">The author, when text is kept.</param>
/// <param name="Text">The text, when text is kept.</param>
[GenerateSerializer, Immutable, Alias("analytics.MessageExtras")]
public sealed record MessageExtras(ReplySketch? Sketch, ulong AuthorKey, string? Author, string? Text)
{
    private const byte SketchFlag = 1, AuthorKeyFlag = 2, AuthorFlag = 4, TextFlag = 8;

    /// <summary>The extras without author and text (what is kept when text is not).</summary>
    public MessageExtras? WithoutText() => Sketch is null && AuthorKey == 0 ? null : this with { Author = null, Text = null };

    /// <summary>The extras as the packed forms hold them (stream batches, the event log, stored conversations).</summary>
    public byte[] ToBytes()
    {
        var author = Author is null ? 0 : Encoding.UTF8.GetByteCount(Author);
        var text = Text is null ? 0 : Encoding.UTF8.GetByteCount(Text);
        var bytes = new byte[1 + (Sketch is null ? 0 : 4 * ReplySketch.Bands) + (AuthorKey == 0 ? 0 : 8) + (Author is null ? 0 : 4 + author) + (Text is null ? 0 : 4 + text)];
        bytes[0] = (byte)((Sketch is null ? 0 : SketchFlag) | (AuthorKey == 0 ? 0 : AuthorKeyFlag) | (Author is null ? 0 : AuthorFlag) | (Text is null ? 0 : TextFlag));
        var at = 1;
        if (Sketch is { } s)
        {
            for (var band = 0; band < ReplySketch.Bands; band++, at += 4) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), s[band]);
        }
        if (AuthorKey != 0)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), AuthorKey);
            at += 8;
        }
        at = WriteString(bytes, at, Author, author);
        WriteString(bytes, at, Text, text);
        return bytes;
    }

    /// <summary>The extras written by <see cref="ToBytes"/>.</summary>
    public static MessageExtras Read(ReadOnlySpan<byte> bytes)
    {
        var keys = ReadKeys(bytes);
        var at = 1 + (keys.Sketch is null ? 0 : 4 * ReplySketch.Bands) + (keys.AuthorKey == 0 ? 0 : 8);
        var author = (bytes[0] & AuthorFlag) != 0 ? ReadString(bytes, ref at) : null;
        var text = (bytes[0] & TextFlag) != 0 ? ReadString(bytes, ref at) : null;
        if (at != bytes.Length) throw new FormatException($"message extras hold {bytes.Length - at} bytes after their fields");
        return keys with { Author = author, Text = text };
    }

    /// <summary>The sketch and author key of extras written by <see cref="ToBytes"/>, without the author or the text (not decoded).</summary>
    public static MessageExtras ReadKeys(ReadOnlySpan<byte> bytes)
    {
        var flags = bytes[0];
        var at = 1;
        ReplySketch? sketch = null;
        if ((flags & SketchFlag) != 0)
        {
            sketch = new ReplySketch(Key(bytes, 1), Key(bytes, 5), Key(bytes, 9), Key(bytes, 13), Key(bytes, 17));
            at += 4 * ReplySketch.Bands;
        }
        return new MessageExtras(sketch, (flags & AuthorKeyFlag) != 0 ? BinaryPrimitives.ReadUInt64LittleEndian(bytes[at..]) : 0, null, null);
    }

    private static uint Key(ReadOnlySpan<byte> bytes, int at) => BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]);

    private static int WriteString(byte[] to, int at, string? value, int length)
    {
        if (value is null) return at;
        BinaryPrimitives.WriteInt32LittleEndian(to.AsSpan(at), length);
        return at + 4 + Encoding.UTF8.GetBytes(value, to.AsSpan(at + 4));
    }

    private static string ReadString(ReadOnlySpan<byte> from, ref int at)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(from[at..]);
        var value = Encoding.UTF8.GetString(from.Slice(at + 4, length));
        at += 4 + length;
        return value;
    }
}
