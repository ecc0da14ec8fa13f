namespace Analytics.Streaming;

/// <summary>Settings of the Redis Streams queue provider (one Redis stream per Orleans queue, one consumer group).</summary>
public sealed class RedisQueueOptions
{
    /// <summary>Prefix of every key the provider writes (queues, sequence counters, the dead-letter stream).</summary>
    public string KeyPrefix { get; set; } = "analytics";

    /// <summary>Number of queues (Redis streams) the provider's streams are hashed onto.</summary>
    public int Queues { get; set; } = 8;

    /// <summary>
    /// Deliveries (reads and reclaims, counted by Redis itself, so crashes count too) after which
    /// a batch that was never acknowledged goes to the dead-letter stream instead.
    /// </summary>
    public int MaxDeliveries { get; set; } = 10;

    /// <summary>How long an entry may stay unacknowledged and not in any local delivery before it is reclaimed and delivered again.</summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromSeconds(30);
}
