namespace Analytics.Models;

/// <summary>
/// An event's kind, direction and complaint flag in one byte, as every packed form writes them
/// (stream batches, stored conversations): kind in the high nibble, the complaint flag in bit 3,
/// the direction in bits 0-2. Bytes written before the flag existed read as no complaint.
/// </summary>
public static class EventCode
{
    private const int ComplaintBit = 8;

    /// <summary>The byte of an event's kind, direction and complaint flag.</summary>
    public static byte Of(EventKind kind, Direction direction, bool complaint) =>
        (byte)(((int)kind << 4) | (complaint ? ComplaintBit : 0) | (int)direction);

    /// <summary>The kind, direction and complaint flag of a byte written by <see cref="Of"/>.</summary>
    public static (EventKind Kind, Direction Direction, bool Complaint) Parse(byte code) =>
        ((EventKind)(code >> 4), (Direction)(code & 7), (code & ComplaintBit) != 0);
}
