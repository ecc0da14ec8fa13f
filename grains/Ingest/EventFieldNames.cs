using System.Text.Json;

namespace Analytics.Ingest;

/// <summary>JSON names of <see cref="EventField"/> and matching a property name against them without allocating.</summary>
internal static class EventFieldNames
{
    public const int Count = 10;

    // An escaped name longer than this ("conversationId" with every char as \uXXXX) cannot be a known field.
    private const int MaxEscapedNameBytes = 14 * 6;

    private static readonly string[] Names =
        ["author", "brand", "channel", "conversationId", "direction", "id", "inReplyTo", "kind", "text", "timestamp"];

    public static string Name(EventField field) => Names[(int)field];

    /// <summary>The field named by the reader's current property name, or -1 for an unknown one.</summary>
    public static int Match(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Match(reader.ValueSpan);
        }
        if (reader.ValueSpan.Length > MaxEscapedNameBytes)
        {
            return -1;
        }
        Span<byte> name = stackalloc byte[MaxEscapedNameBytes];
        try
        {
            return Match(name[..reader.CopyString(name)]);
        }
        catch (InvalidOperationException)
        {
            // An unpaired surrogate escape: such a name is no known field, and unknown names are ignored.
            return -1;
        }
    }

    /// <summary>The field of an unescaped property name, or -1 for an unknown one.</summary>
    public static int Match(ReadOnlySpan<byte> name) => name.Length switch
    {
        2 when name.SequenceEqual("id"u8) => (int)EventField.Id,
        4 when name.SequenceEqual("kind"u8) => (int)EventField.Kind,
        4 when name.SequenceEqual("text"u8) => (int)EventField.Text,
        5 when name.SequenceEqual("brand"u8) => (int)EventField.Brand,
        6 when name.SequenceEqual("author"u8) => (int)EventField.Author,
        7 when name.SequenceEqual("channel"u8) => (int)EventField.Channel,
        9 when name.SequenceEqual("direction"u8) => (int)EventField.Direction,
        9 when name.SequenceEqual("timestamp"u8) => (int)EventField.Timestamp,
        9 when name.SequenceEqual("inReplyTo"u8) => (int)EventField.InReplyTo,
        14 when name.SequenceEqual("conversationId"u8) => (int)EventField.ConversationId,
        _ => -1,
    };
}
