namespace Analytics.Grains;

/// <summary>
/// The conversation grains active in this silo. Past <see cref="Hosting.AnalyticsOptions.MaxActiveConversations"/>
/// a conversation deactivates as soon as its call is done (its state is in storage), so memory is
/// bounded by the cap, not by how many conversations one large request or a burst touches: a
/// 327 MB request used to keep 540k conversations active for their collection age, then free them
/// all in one multi-second collection.
/// </summary>
public sealed class ActiveConversations
{
    private long count;

    /// <summary>Conversation grains active now.</summary>
    public long Count => Interlocked.Read(ref count);

    internal void Activated() => Interlocked.Increment(ref count);

    internal void Deactivated() => Interlocked.Decrement(ref count);
}
