using Analytics.Streaming;
using Orleans.Streams;

namespace Analytics.Storage;

/// <summary>Drained = in every queue stream the group has read up to the last entry and nothing is pending.</summary>
public sealed class RedisIngestBacklog(RedisConnection redis, RedisQueueKeys keys, IStreamQueueMapper queues) : IIngestBacklog
{
    public async Task<bool> IsDrainedAsync()
    {
        var db = await redis.DatabaseAsync();
        foreach (var queue in queues.GetAllQueues())
        {
            var key = keys.Queue(queue);
            if (!await db.KeyExistsAsync(key)) continue;
            var stream = await db.StreamInfoAsync(key);
            if (stream.Length == 0 && stream.LastGeneratedId.IsNull) continue;
            var group = (await db.StreamGroupInfoAsync(key)).FirstOrDefault(g => g.Name == RedisQueueKeys.Group);
            if (group.Name is null || group.LastDeliveredId != stream.LastGeneratedId.ToString() || group.PendingMessageCount > 0) return false;
        }
        return true;
    }
}
