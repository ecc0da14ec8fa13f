using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// The normalized fields of one event as UTF-8 spans (unescaped), borrowed from the line being
/// parsed so that canonicalisation copies nothing. Optional fields carry a presence flag because
/// an empty string and an absent field are different payloads.
/// </summary>
internal ref struct CanonicalFields
{
    public ReadOnlySpan<byte> Id;
    public EventKind Kind;
    public ReadOnlySpan<byte> Brand;
    public ReadOnlySpan<byte> Channel;
    public ReadOnlySpan<byte> ConversationId;
    public Direction Direction;
    public long Timestamp;
    public ReadOnlySpan<byte> Author;
    public bool HasAuthor;
    public ReadOnlySpan<byte> Text;
    public bool HasText;
    public ReadOnlySpan<byte> InReplyTo;
    public bool HasInReplyTo;
}
