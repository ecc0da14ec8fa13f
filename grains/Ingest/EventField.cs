namespace Analytics.Ingest;

/// <summary>
/// The input fields the parser knows. Declared in the ordinal order of their JSON names, which is
/// the order canonical JSON writes them in; the value doubles as a bit index for "seen" masks.
/// </summary>
internal enum EventField : byte
{
    Author,
    Brand,
    Channel,
    ConversationId,
    Direction,
    Id,
    InReplyTo,
    Kind,
    Text,
    Timestamp,
}
