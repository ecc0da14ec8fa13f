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

    /// <summary>
    /// Most batches a queue's receiver holds read and not yet acknowledged (a reclaim of what a
    /// previous owner left may add to them). The pulling agent's cache keeps every batch it is given,
    /// deserialized, until the queue's consumer is past it; unbounded, a silo behind its queues read
    /// their whole backlog into memory (10 s into a replay of 1M events: 1,248 batches of 1,024
    /// events, 2.4 million strings, 695 MB of heap against 613 MB bounded). One batch in delivery
    /// and one waiting keep the consumer busy (a read is 10 ms away, a batch takes longer).
    /// </summary>
    public int ReadAhead { get; set; } = 2;

    /// <summary>How long an entry may stay unacknowledged and not in any local delivery before it is reclaimed and delivered again.</summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromSeconds(30);
}
