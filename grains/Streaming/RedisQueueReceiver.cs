using Analytics.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Providers.Streams.Common;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace Analytics.Streaming;

/// <summary>
/// Reads one queue (a Redis stream) with the consumer group <see cref="RedisQueueKeys.Group"/>.
/// <list type="bullet">
/// <item>An entry stays pending in the group until <see cref="MessagesDeliveredAsync"/> acknowledges
/// it, which the pulling agent calls only for batches whose consumer returned. A silo that dies
/// leaves its entries pending; whoever owns the queue next reclaims them on start.</item>
/// <item>Entries pending but not in delivery here (a failed delivery, a lost XACK, a previous
/// owner's) are reclaimed once idle for <see cref="RedisQueueOptions.RedeliverAfter"/>. Redis
/// counts every delivery; past <see cref="RedisQueueOptions.MaxDeliveries"/> the entry goes to the
/// dead-letter stream. So do entries that cannot be read at all.</item>
/// <item>At most <see cref="RedisQueueOptions.ReadAhead"/> new entries are held read and not yet
/// acknowledged: the rest of a backlog waits in Redis, not in the silo's memory.</item>
/// <item>Order is not assumed: a reclaimed entry is older than entries already delivered. Tokens
/// therefore number deliveries (a Redis counter, so they keep growing across owners and restarts)
/// rather than entries, and consumers must be idempotent and order-free, which ours are.</item>
/// </list>
/// </summary>
public sealed class RedisQueueReceiver(
    QueueId queue,
    RedisConnection redis,
    RedisQueueKeys keys,
    RedisQueueOptions options,
    Serializer<QueuedBatch> serializer,
    DeliveryFailures failures,
    ILogger<RedisQueueReceiver> logger) : IQueueAdapterReceiver
{
    private const int MaxRead = 64;

    // A fresh consumer name per receiver: what a previous owner left pending is visibly not ours.
    private readonly string consumer = Guid.NewGuid().ToString("N");
    private readonly string key = keys.Queue(queue);
    private readonly Dictionary<long, string> inDelivery = [];
    private readonly HashSet<string> inDeliveryIds = new(StringComparer.Ordinal);
    private bool started;
    private DateTime nextReclaim = DateTime.MinValue;

    public async Task Initialize(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var db = await redis.DatabaseAsync();
        try
        {
            await db.StreamCreateConsumerGroupAsync(key, RedisQueueKeys.Group, "0-0", createStream: true);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Another silo or an earlier run created it.
        }
    }

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var db = await redis.DatabaseAsync();
        ForgetFailedDeliveries();
        var entries = new List<StreamEntry>();
        if (DateTime.UtcNow >= nextReclaim)
        {
            // On start everything pending belongs to a previous owner: take it at once.
            entries.AddRange(await ReclaimAsync(db, started ? options.RedeliverAfter : TimeSpan.Zero));
            await TrimAcknowledgedAsync(db);
            started = true;
            nextReclaim = DateTime.UtcNow + options.RedeliverAfter / 2;
        }
        var count = Math.Min(maxCount is > 0 and < MaxRead ? maxCount : MaxRead, options.ReadAhead - inDelivery.Count);
        if (count > 0) entries.AddRange(await db.StreamReadGroupAsync(key, RedisQueueKeys.Group, consumer, StackExchange.Redis.StreamPosition.NewMessages, count));
        if (entries.Count == 0) return [];

        var last = await db.StringIncrementAsync(keys.Deliveries(queue), entries.Count);
        var batches = new List<IBatchContainer>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var id = entry.Id.ToString();
            if (Read(entry) is not { } batch)
            {
                await DeadLetters.MoveAsync(db, keys, key, entry.Id, entry[RedisQueueAdapter.BodyField], 1, "unreadable: the entry is not a serialized batch of this engine");
                continue;
            }
            var sequence = last - entries.Count + 1 + i;
            inDelivery[sequence] = id;
            inDeliveryIds.Add(id);
            batches.Add(new RedisBatchContainer(batch.StreamId, batch.Events, new EventSequenceTokenV2(sequence), id));
        }
        return batches;
    }

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0) return;
        var ids = new RedisValue[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var batch = (RedisBatchContainer)messages[i];
            ids[i] = batch.EntryId;
            // Forgotten before the XACK: if the XACK is lost, the reclaim delivers the entry again (harmless) instead of never.
            inDelivery.Remove(batch.Token.SequenceNumber);
            inDeliveryIds.Remove(batch.EntryId);
        }
        var db = await redis.DatabaseAsync();
        await db.StreamAcknowledgeAsync(key, RedisQueueKeys.Group, ids);
    }

    public Task Shutdown(TimeSpan timeout, CancellationToken cancellationToken) => Task.CompletedTask;

    // The pulling agent calls the overloads above; the interface still requires the older ones.
    Task IQueueAdapterReceiver.Initialize(TimeSpan timeout) => Initialize(timeout, CancellationToken.None);

    Task<IList<IBatchContainer>> IQueueAdapterReceiver.GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    Task IQueueAdapterReceiver.MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    Task IQueueAdapterReceiver.Shutdown(TimeSpan timeout) => Shutdown(timeout, CancellationToken.None);

    private QueuedBatch? Read(StreamEntry entry)
    {
        var body = entry[RedisQueueAdapter.BodyField];
        if (body.IsNull) return null;
        try
        {
            return serializer.Deserialize((byte[])body!);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Entry {Entry} of {Queue} cannot be deserialized; it goes to the dead-letter stream", entry.Id, key);
            return null;
        }
    }

    private void ForgetFailedDeliveries()
    {
        foreach (var sequence in failures.Take())
        {
            if (inDelivery.Remove(sequence, out var id)) inDeliveryIds.Remove(id);
        }
    }

    private async Task<StreamEntry[]> ReclaimAsync(IDatabase db, TimeSpan idle)
    {
        var idleMs = (long)idle.TotalMilliseconds;
        var pending = await db.StreamPendingMessagesAsync(key, RedisQueueKeys.Group, MaxRead, RedisValue.Null, minId: null, maxId: null, minIdleTimeInMs: idleMs);
        var claim = new List<RedisValue>();
        foreach (var p in pending)
        {
            if (inDeliveryIds.Contains(p.MessageId.ToString())) continue;
            if (p.DeliveryCount < options.MaxDeliveries)
            {
                claim.Add(p.MessageId);
                continue;
            }
            var original = await db.StreamRangeAsync(key, p.MessageId, p.MessageId);
            var body = original.Length == 1 ? original[0][RedisQueueAdapter.BodyField] : RedisValue.Null;
            logger.LogError("Entry {Entry} of {Queue} was delivered {Count} times without being acknowledged; it goes to the dead-letter stream", p.MessageId, key, p.DeliveryCount);
            await DeadLetters.MoveAsync(db, keys, key, p.MessageId, body, p.DeliveryCount,
                $"not acknowledged after {p.DeliveryCount} deliveries: its consumer failed each time (see the silo logs) or its silo died");
        }
        if (claim.Count == 0) return [];
        var claimed = await db.StreamClaimAsync(key, RedisQueueKeys.Group, consumer, idleMs, [.. claim]);
        if (claimed.Length > 0) logger.LogInformation("Reclaimed {Count} unacknowledged entries of {Queue} for redelivery", claimed.Length, key);
        // An entry trimmed away meanwhile comes back without fields: nothing to deliver.
        return [.. claimed.Where(e => !e.IsNull && e.Values.Length > 0)];
    }

    /// <summary>Drops entries that every consumer has acknowledged: those before the oldest pending one and not after the last delivered one.</summary>
    private async Task TrimAcknowledgedAsync(IDatabase db)
    {
        var groups = await db.StreamGroupInfoAsync(key);
        var group = groups.FirstOrDefault(g => g.Name == RedisQueueKeys.Group);
        if (string.IsNullOrEmpty(group.LastDeliveredId)) return;
        var pending = await db.StreamPendingAsync(key, RedisQueueKeys.Group);
        RedisValue keepFrom = pending.PendingMessageCount > 0 ? pending.LowestPendingMessageId : (RedisValue)group.LastDeliveredId;
        await db.StreamTrimByMinIdAsync(key, keepFrom);
    }
}
