using Analytics.Models;

namespace Analytics.Domain;

/// <summary>
/// A conversation grain's identity without building its key string (<see cref="GrainKey"/>): the
/// router and the history import group events by it, and build the string once per group rather
/// than once per event. Its hash is computed once: the import looks a key up several times (its
/// worker's share, the chunk's groups, the held-back conversations).
/// </summary>
public readonly struct ConversationKey : IEquatable<ConversationKey>
{
    private readonly int hash;

    /// <summary>A key.</summary>
    /// <param name="brand">The brand.</param>
    /// <param name="conversationId">The conversation; empty for an audience shard.</param>
    /// <param name="audienceShard">-1 for a message conversation, else the audience shard of a follow or unfollow event.</param>
    public ConversationKey(string brand, string conversationId, int audienceShard)
    {
        Brand = brand;
        ConversationId = conversationId;
        AudienceShard = audienceShard;
        hash = HashCode.Combine(brand, conversationId, audienceShard);
    }

    /// <summary>The brand.</summary>
    public string Brand { get; }

    /// <summary>The conversation; empty for an audience shard.</summary>
    public string ConversationId { get; }

    /// <summary>-1 for a message conversation, else the audience shard.</summary>
    public int AudienceShard { get; }

    /// <summary>The conversation grain an event belongs to.</summary>
    public static ConversationKey Of(CareEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Kind == EventKind.Message ? new(e.Brand, e.ConversationId, -1) : new(e.Brand, "", GrainKeys.AudienceShard(e.Id));
    }

    public static bool operator ==(ConversationKey left, ConversationKey right) => left.Equals(right);

    public static bool operator !=(ConversationKey left, ConversationKey right) => !left.Equals(right);

    public bool Equals(ConversationKey other) =>
        hash == other.hash && AudienceShard == other.AudienceShard && Brand == other.Brand && ConversationId == other.ConversationId;

    public override bool Equals(object? obj) => obj is ConversationKey other && Equals(other);

    public override int GetHashCode() => hash;

    /// <summary>The conversation grain's key (<see cref="GrainKeys.Of"/>).</summary>
    public string GrainKey => GrainKeys.Of(Brand, ConversationId, AudienceShard);

    public override string ToString() => GrainKey;
}
