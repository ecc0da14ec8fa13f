namespace Analytics.Ingest;

/// <summary>
/// Size limits of input fields (METRICS-SPEC section 1). Lengths in chars count UTF-16 code
/// units, as <see cref="string.Length"/> does; the text limit counts UTF-8 bytes because that is
/// what it bounds: payload size.
/// </summary>
public static class EventLimits
{
    /// <summary>Longest id, chars.</summary>
    public const int IdMaxChars = 128;
    /// <summary>Longest brand, chars.</summary>
    public const int BrandMaxChars = 64;
    /// <summary>Longest channel, chars.</summary>
    public const int ChannelMaxChars = 64;
    /// <summary>Longest conversation id, chars.</summary>
    public const int ConversationIdMaxChars = 256;
    /// <summary>Longest text, UTF-8 bytes (16 KiB).</summary>
    public const int TextMaxBytes = 16 * 1024;
    /// <summary>Longest line, bytes without its line break (1 MiB).</summary>
    public const int DefaultMaxLineBytes = 1024 * 1024;
}
