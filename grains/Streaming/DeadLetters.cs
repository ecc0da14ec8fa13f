using StackExchange.Redis;

namespace Analytics.Streaming;

/// <summary>
/// The dead-letter stream: entries that cannot be processed, each with the queue and entry id it
/// came from, the reason, the delivery count and the original body, so that an operator can
/// inspect it (XRANGE) and, once the cause is fixed, publish it again.
/// </summary>
public static class DeadLetters
{
    /// <summary>Moves one entry to the dead-letter stream, then acknowledges it on its queue (in that order: a crash in between only repeats the move).</summary>
    public static async Task MoveAsync(IDatabase db, RedisQueueKeys keys, string queueKey, RedisValue entryId, RedisValue body, long deliveries, string reason)
    {
        await db.StreamAddAsync(keys.DeadLetters,
        [
            new NameValueEntry("queue", queueKey),
            new NameValueEntry("entry", entryId),
            new NameValueEntry("reason", reason),
            new NameValueEntry("deliveries", deliveries),
            new NameValueEntry(RedisQueueAdapter.BodyField, body),
        ]);
        await db.StreamAcknowledgeAsync(queueKey, RedisQueueKeys.Group, entryId);
    }
}
