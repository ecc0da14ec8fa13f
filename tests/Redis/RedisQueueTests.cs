using Analytics.Hosting;
using Analytics.Storage;
using Analytics.Streaming;
using Orleans.Streams;

namespace Analytics.Tests.Redis;

/// <summary>
/// The durable stream provider's own contract, on a real Redis: a publish completes only once the
/// batch is stored; a batch is acknowledged only when delivered; unacknowledged batches come back
/// to the next owner; poison batches go to the dead-letter stream with a reason; and redelivery
/// does not pretend to keep order.
/// </summary>
public class RedisQueueTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task QueueMessageBatch_Completed_BatchIsInRedis()
    {
        var queue = new QueueUnderTest(redis.Connection);
        await queue.PublishAsync("a");
        var db = await redis.Connection.DatabaseAsync();
        Assert.Equal(1, await db.StreamLengthAsync(queue.Keys.Queue(queue.Queue)));
    }

    [Fact]
    public async Task QueueMessageBatch_RedisUnreachable_Fails()
    {
        // Nothing listens on the port of a listener that was closed: the publish must fail, never report success.
        await using var nowhere = new RedisConnection($"127.0.0.1:{FreePort.Next()},connectTimeout=300,asyncTimeout=500");
        var queue = new QueueUnderTest(nowhere);
        await Assert.ThrowsAnyAsync<Exception>(() => queue.PublishAsync("a"));
    }

    [Fact]
    public async Task MessagesDelivered_EachBatch_AcknowledgedOnlyThen()
    {
        var queue = new QueueUnderTest(redis.Connection);
        await queue.PublishAsync("a");
        await queue.PublishAsync("b");
        var receiver = await queue.ReceiverAsync();

        var batches = await receiver.GetQueueMessagesAsync(10, CancellationToken.None);
        Assert.Equal(["a", "b"], batches.Select(QueueUnderTest.Value));
        Assert.Equal(2, await queue.PendingAsync());

        await receiver.MessagesDeliveredAsync([batches[1]], CancellationToken.None);
        Assert.Equal(1, await queue.PendingAsync());
        await receiver.MessagesDeliveredAsync([batches[0]], CancellationToken.None);
        Assert.Equal(0, await queue.PendingAsync());
    }

    [Fact]
    public async Task GetQueueMessages_Backlog_ReadsAheadOnlyAsFarAsTheBound()
    {
        var queue = new QueueUnderTest(redis.Connection, readAhead: 2);
        foreach (var v in new[] { "a", "b", "c", "d", "e" }) await queue.PublishAsync(v);
        var receiver = await queue.ReceiverAsync();

        var first = await receiver.GetQueueMessagesAsync(10, CancellationToken.None);
        Assert.Equal(["a", "b"], first.Select(QueueUnderTest.Value));
        Assert.Empty(await receiver.GetQueueMessagesAsync(10, CancellationToken.None));
        Assert.Equal(2, await queue.PendingAsync());

        // An acknowledged batch, or one whose delivery failed, makes room for one more.
        await receiver.MessagesDeliveredAsync([first[0]], CancellationToken.None);
        var second = await receiver.GetQueueMessagesAsync(10, CancellationToken.None);
        Assert.Equal(["c"], second.Select(QueueUnderTest.Value));
        await queue.ReportFailureAsync(first[1]);
        Assert.Equal(["d"], (await receiver.GetQueueMessagesAsync(10, CancellationToken.None)).Select(QueueUnderTest.Value));
        Assert.Empty(await receiver.GetQueueMessagesAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Initialize_NextOwnerAfterCrash_RedeliversUnacknowledgedBatches()
    {
        var queue = new QueueUnderTest(redis.Connection);
        foreach (var v in new[] { "a", "b", "c" }) await queue.PublishAsync(v);
        var crashed = await queue.ReceiverAsync();
        var read = await crashed.GetQueueMessagesAsync(10, CancellationToken.None);
        await crashed.MessagesDeliveredAsync([read[1]], CancellationToken.None);
        // The first owner dies here: "a" and "c" were read, never acknowledged.

        var next = await queue.ReceiverAsync();
        var again = await next.GetQueueMessagesAsync(10, CancellationToken.None);
        Assert.Equal(["a", "c"], again.Select(QueueUnderTest.Value).Order());
        Assert.All(again, b => Assert.True(b.SequenceToken.Newer(read[2].SequenceToken), "delivery numbers keep growing across owners"));
        await next.MessagesDeliveredAsync(again, CancellationToken.None);
        Assert.Equal(0, await queue.PendingAsync());
    }

    [Fact]
    public async Task GetQueueMessages_DeliveryFailedUpToTheLimit_DeadLettersWithReason()
    {
        var queue = new QueueUnderTest(redis.Connection, maxDeliveries: 2, redeliverAfter: TimeSpan.Zero);
        await queue.PublishAsync("poison");
        var receiver = await queue.ReceiverAsync();

        var first = Assert.Single(await receiver.GetQueueMessagesAsync(10, CancellationToken.None));
        await queue.ReportFailureAsync(first);
        var second = Assert.Single(await receiver.GetQueueMessagesAsync(10, CancellationToken.None));
        Assert.Equal("poison", QueueUnderTest.Value(second));
        await queue.ReportFailureAsync(second);
        Assert.Empty(await receiver.GetQueueMessagesAsync(10, CancellationToken.None));

        var dead = Assert.Single(await queue.DeadLettersAsync());
        Assert.Contains("not acknowledged after 2 deliveries", dead["reason"].ToString(), StringComparison.Ordinal);
        Assert.Equal(queue.Keys.Queue(queue.Queue), dead["queue"].ToString());
        Assert.False(dead[RedisQueueAdapter.BodyField].IsNull);
        Assert.Equal(0, await queue.PendingAsync());
    }

    [Fact]
    public async Task GetQueueMessages_UnreadableEntry_DeadLettersWithReasonAndDeliversTheRest()
    {
        var queue = new QueueUnderTest(redis.Connection);
        var db = await redis.Connection.DatabaseAsync();
        await db.StreamAddAsync(queue.Keys.Queue(queue.Queue), RedisQueueAdapter.BodyField, new byte[] { 1, 2, 3 });
        await queue.PublishAsync("good");
        var receiver = await queue.ReceiverAsync();

        var batch = Assert.Single(await receiver.GetQueueMessagesAsync(10, CancellationToken.None));
        Assert.Equal("good", QueueUnderTest.Value(batch));
        var dead = Assert.Single(await queue.DeadLettersAsync());
        Assert.StartsWith("unreadable", dead["reason"].ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await queue.PendingAsync());
    }

    [Fact]
    public async Task GetQueueMessages_FailedBatchRedelivered_ComesAfterNewerBatchesWithALaterToken()
    {
        var queue = new QueueUnderTest(redis.Connection, redeliverAfter: TimeSpan.Zero);
        await queue.PublishAsync("old");
        await queue.PublishAsync("new");
        var receiver = await queue.ReceiverAsync();
        var batches = await receiver.GetQueueMessagesAsync(10, CancellationToken.None);
        await queue.ReportFailureAsync(batches[0]);
        await receiver.MessagesDeliveredAsync([batches[1]], CancellationToken.None);

        var again = Assert.Single(await receiver.GetQueueMessagesAsync(10, CancellationToken.None));
        Assert.Equal("old", QueueUnderTest.Value(again));
        Assert.True(again.SequenceToken.Newer(batches[1].SequenceToken), "a redelivered batch is numbered after everything delivered before it");
    }

    [Fact]
    public async Task GetQueueMessages_BatchStillInDelivery_IsNotReclaimed()
    {
        var queue = new QueueUnderTest(redis.Connection, redeliverAfter: TimeSpan.Zero);
        await queue.PublishAsync("slow");
        var receiver = await queue.ReceiverAsync();
        Assert.Single(await receiver.GetQueueMessagesAsync(10, CancellationToken.None));
        // Its consumer has not returned yet: however idle the entry, this owner does not deliver it twice.
        Assert.Empty(await receiver.GetQueueMessagesAsync(10, CancellationToken.None));
    }
}
