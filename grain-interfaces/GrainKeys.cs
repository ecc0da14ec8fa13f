namespace Analytics;

/// <summary>
/// Grain keys of conversations: "brand/conversationId" with '%' and '/' in the brand escaped,
/// so that any brand and conversation id map to exactly one key and back.
/// </summary>
public static class GrainKeys
{
    /// <summary>Follow and unfollow events of a brand are spread over this many audience conversations.</summary>
    public const int AudienceShards = 16;

    /// <summary>The key of conversation (brand, conversationId).</summary>
    public static string Conversation(string brand, string conversationId) =>
        Escape(brand) + "/" + conversationId;

    /// <summary>
    /// The key of the audience conversation that holds a brand's follow or unfollow event: the
    /// escaped brand followed by "%/" and a shard number. An escaped brand never ends in a bare
    /// '%', so no message conversation has such a key.
    /// </summary>
    public static string Audience(string brand, string eventId) => AudienceKey(brand, AudienceShard(eventId));

    /// <summary>The key of audience shard <paramref name="shard"/> of a brand.</summary>
    public static string AudienceKey(string brand, int shard) =>
        Escape(brand) + "%/" + shard.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The key of a message conversation, or of an audience shard when <paramref name="audienceShard"/> is not negative.</summary>
    public static string Of(string brand, string conversationId, int audienceShard) =>
        audienceShard >= 0 ? AudienceKey(brand, audienceShard) : Conversation(brand, conversationId);

    /// <summary>
    /// The UTF-8 of <see cref="Of"/>'s key, from the conversation id's UTF-8, without building the
    /// string (the history import's storage keys); <paramref name="destination"/> must hold
    /// <see cref="MaxUtf8Length"/> bytes. Returns the length written.
    /// </summary>
    public static int Utf8(string brand, ReadOnlySpan<byte> conversationIdUtf8, int audienceShard, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(brand);
        var n = System.Text.Encoding.UTF8.GetBytes(Escape(brand), destination);
        if (audienceShard >= 0)
        {
            destination[n++] = (byte)'%';
            destination[n++] = (byte)'/';
            audienceShard.TryFormat(destination[n..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
            return n + digits;
        }
        destination[n++] = (byte)'/';
        conversationIdUtf8.CopyTo(destination[n..]);
        return n + conversationIdUtf8.Length;
    }

    /// <summary>Bytes <see cref="Utf8"/> may need.</summary>
    public static int MaxUtf8Length(string brand, int conversationIdUtf8Length) =>
        // A character takes at most 3 bytes escaped ("%2F") or not.
        System.Text.Encoding.UTF8.GetMaxByteCount((brand ?? "").Length) + conversationIdUtf8Length + 16;

    /// <summary>The audience shard of a follow or unfollow event.</summary>
    public static int AudienceShard(string eventId) => (int)(StableHash(eventId) % AudienceShards);

    /// <summary>Splits a key into brand and either a conversation id or an audience shard (-1 for message conversations).</summary>
    public static (string Brand, string ConversationId, int AudienceShard) Parse(string key)
    {
        var (brand, tail, audience) = Split(key);
        var unescaped = Uri.UnescapeDataString(key[brand]);
        return audience
            ? (unescaped, "", int.Parse(key.AsSpan(tail), System.Globalization.CultureInfo.InvariantCulture))
            : (unescaped, key[tail], -1);
    }

    /// <summary>
    /// Where <see cref="Parse"/> finds a key's parts, without making strings of them: the escaped
    /// brand, then the conversation id or (when <c>Audience</c>) the audience shard's digits.
    /// </summary>
    public static (Range EscapedBrand, Range Tail, bool Audience) Split(ReadOnlySpan<char> key)
    {
        var slash = key.IndexOf('/');
        if (slash < 0) throw new FormatException($"'{key}' is not a conversation key");
        var audience = slash > 0 && key[slash - 1] == '%';
        return (..(audience ? slash - 1 : slash), (slash + 1).., audience);
    }

    /// <summary>A hash that is the same in every process (string.GetHashCode is not).</summary>
    public static ulong StableHash(string value) => StableHash(value.AsSpan());

    /// <inheritdoc cref="StableHash(string)"/>
    public static ulong StableHash(ReadOnlySpan<char> value)
    {
        var hash = 14695981039346656037UL; // FNV-1a 64
        foreach (var c in value)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    private static string Escape(string brand) =>
        brand.AsSpan().IndexOfAny('%', '/') >= 0 ? brand.Replace("%", "%25").Replace("/", "%2F") : brand;
}
