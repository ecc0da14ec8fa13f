using Analytics.Storage;
using Analytics.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using StackExchange.Redis;

namespace Analytics.Tests.Redis;

/// <summary>
/// The Redis queue provider without a silo: the factory, its adapter and one queue, under fresh
/// keys. The tests play the pulling agent's part (read, deliver, report failures).
/// </summary>
public sealed class QueueUnderTest
{
    private static readonly Serializer<QueuedBatch> Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(QueuedBatch).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer<QueuedBatch>>();

    private readonly RedisQueueAdapterFactory factory;

    // Most tests read several batches at once: the read-ahead bound has a test of its own.
    public QueueUnderTest(RedisConnection redis, int maxDeliveries = 10, TimeSpan? redeliverAfter = null, int readAhead = 64)
    {
        Redis = redis;
        var prefix = "t" + Guid.NewGuid().ToString("N")[..8];
        var options = new RedisQueueOptions { KeyPrefix = prefix, Queues = 1, MaxDeliveries = maxDeliveries, RedeliverAfter = redeliverAfter ?? TimeSpan.FromMinutes(10), ReadAhead = readAhead };
        factory = new RedisQueueAdapterFactory("test", options, redis, Serializer, NullLoggerFactory.Instance);
        Keys = new RedisQueueKeys(prefix, "test");
        Queue = factory.GetStreamQueueMapper().GetAllQueues().Single();
    }

    public RedisConnection Redis { get; }

    public RedisQueueKeys Keys { get; }

    public QueueId Queue { get; }

    public StreamId Stream { get; } = StreamId.Create("events", "0");

    public async Task<IQueueAdapter> AdapterAsync() => await factory.CreateAdapter();

    /// <summary>Publishes one batch holding one string event.</summary>
    public async Task PublishAsync(string value) =>
        await (await AdapterAsync()).QueueMessageBatchAsync(Stream, [value], null, null);

    /// <summary>A receiver as a (new) owner of the queue would get it, initialized.</summary>
    public async Task<IQueueAdapterReceiver> ReceiverAsync()
    {
        var receiver = (await AdapterAsync()).CreateReceiver(Queue);
        await receiver.Initialize(TimeSpan.FromSeconds(5), CancellationToken.None);
        return receiver;
    }

    /// <summary>What the pulling agent reports when a batch's consumer failed.</summary>
    public async Task ReportFailureAsync(IBatchContainer batch) =>
        await (await factory.GetDeliveryFailureHandler(Queue)).OnDeliveryFailure(GuidId.GetNewGuidId(), "test", batch.StreamId, batch.SequenceToken);

    public async Task<long> PendingAsync() =>
        (await (await Redis.DatabaseAsync()).StreamPendingAsync(Keys.Queue(Queue), RedisQueueKeys.Group)).PendingMessageCount;

    public async Task<StreamEntry[]> DeadLettersAsync() =>
        await (await Redis.DatabaseAsync()).StreamRangeAsync(Keys.DeadLetters);

    public static string Value(IBatchContainer batch) => batch.GetEvents<string>().Single().Item1;
}
