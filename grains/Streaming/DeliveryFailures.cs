using System.Collections.Concurrent;
using Orleans.Runtime;
using Orleans.Streams;

namespace Analytics.Streaming;

/// <summary>
/// Delivery numbers of batches whose consumer failed (after the pulling agent's own retries),
/// reported by the agent through <see cref="IStreamFailureHandler"/> and taken by the queue's
/// receiver. Such a batch is neither acknowledged nor counted as in delivery any longer, so the
/// receiver reclaims and delivers it again later, and dead-letters it after too many tries.
/// </summary>
public sealed class DeliveryFailures : IStreamFailureHandler
{
    private readonly ConcurrentQueue<long> failed = new();

    // Implicit subscriptions cannot be faulted anyway; the batch is retried, not the subscription dropped.
    public bool ShouldFaultSubsriptionOnError => false;

    public Task OnDeliveryFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken)
    {
        if (sequenceToken is not null) failed.Enqueue(sequenceToken.SequenceNumber);
        return Task.CompletedTask;
    }

    public Task OnSubscriptionFailure(GuidId subscriptionId, string streamProviderName, StreamId streamId, StreamSequenceToken? sequenceToken) =>
        Task.CompletedTask;

    /// <summary>Takes the delivery numbers reported since the last call.</summary>
    public List<long> Take()
    {
        var taken = new List<long>();
        while (failed.TryDequeue(out var sequence)) taken.Add(sequence);
        return taken;
    }
}
