using Orleans.Streams;

namespace Analytics.Streaming;

/// <summary>The Redis keys of one provider: one stream per queue, a delivery counter per queue, one dead-letter stream.</summary>
public sealed class RedisQueueKeys(string prefix, string provider)
{
    /// <summary>The consumer group every silo reads with: a queue has one owner at a time, so one group suffices.</summary>
    public const string Group = "silos";

    /// <summary>The stream that holds a queue's batches.</summary>
    public string Queue(QueueId queue) => $"{prefix}:{provider}:queue:{queue.GetNumericId()}";

    /// <summary>A counter that numbers the deliveries of a queue across silos and restarts (see <see cref="RedisQueueReceiver"/>).</summary>
    public string Deliveries(QueueId queue) => $"{prefix}:{provider}:deliveries:{queue.GetNumericId()}";

    /// <summary>Batches that could not be processed, with the reason.</summary>
    public string DeadLetters => $"{prefix}:{provider}:dead";
}
