namespace Analytics.Tests.Reference;

/// <summary>The three event kinds of spec section 1.</summary>
public enum RefEventKind
{
    Message,
    Follow,
    Unfollow,
}
