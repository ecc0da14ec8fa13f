namespace Analytics.Models;

/// <summary>
/// Conversation contributions packed for one brand call (the history import's): each record is
/// the conversation id's UTF-8 and the packed contribution, both length-prefixed; channels are
/// numbered as in <paramref name="Channels"/>. A brand in the same process holds the records as
/// they are; one in another process (other channel numbers) unpacks them.
/// </summary>
/// <param name="Records">The records, back to back, in the first <paramref name="Length"/> bytes (the buffer is the sender's, reused once the call returned).</param>
/// <param name="Length">Bytes of records.</param>
/// <param name="Count">Number of records.</param>
/// <param name="Channels">Channel names by number, as the packer numbered them.</param>
[GenerateSerializer, Immutable, Alias("analytics.PackedContributions")]
public sealed record PackedContributions(byte[] Records, int Length, int Count, string[] Channels)
{
    /// <summary>The records.</summary>
    public ReadOnlySpan<byte> Span => Records.AsSpan(0, Length);
}
