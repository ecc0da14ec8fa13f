namespace Analytics.Models;

/// <summary>Who wrote a message.</summary>
public enum Direction : byte
{
    /// <summary>Not a message (follow and unfollow events).</summary>
    None = 0,
    /// <summary>Customer to brand.</summary>
    Inbound = 1,
    /// <summary>Brand to customer.</summary>
    Outbound = 2,
}
