namespace Analytics.Models;

/// <summary>
/// An event's kind, direction, complaint flag and whether <see cref="MessageExtras"/> follow, in one
/// byte, as every packed form writes them (stream batches, the event log, stored conversations):
/// the direction in bits 0-2, the complaint flag in bit 3, the kind in bits 4-5, the extras flag in
/// bit 6. Bytes written before the flags existed read as no complaint and no extras.
/// </summary>
public static class EventCode
{
    private const int ComplaintBit = 8, ExtrasBit = 64;

    /// <summary>The byte of an event's kind, direction, complaint flag and extras flag.</summary>
    public static byte Of(EventKind kind, Direction direction, bool complaint, bool extras = false) =>
        (byte)(((int)kind << 4) | (complaint ? ComplaintBit : 0) | (extras ? ExtrasBit : 0) | (int)direction);

    /// <summary>The kind, direction, complaint flag and extras flag of a byte written by <see cref="Of"/>.</summary>
    public static (EventKind Kind, Direction Direction, bool Complaint, bool Extras) Parse(byte code) =>
        ((EventKind)((code >> 4) & 3), (Direction)(code & 7), (code & ComplaintBit) != 0, (code & ExtrasBit) != 0);
}
