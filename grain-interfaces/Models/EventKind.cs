namespace Analytics.Models;

/// <summary>What an input event is: a message in a conversation, or a change of a brand's audience.</summary>
public enum EventKind : byte
{
    /// <summary>A message between a customer and a brand (the default kind).</summary>
    Message = 0,
    /// <summary>Someone followed the brand.</summary>
    Follow = 1,
    /// <summary>Someone unfollowed the brand.</summary>
    Unfollow = 2,
}
