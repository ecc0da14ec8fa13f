using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Runtime.InteropServices;
using Analytics.Hosting;
using Analytics.Models;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Streams;

namespace Analytics.Ingest;

/// <summary>
/// Publishes accepted events to the ingest stream in batches. Large chunks go out at once; small
/// ones (a live feed posting a few events per request) are gathered by an Rx buffer, by time and
/// by count, so that grains see batches rather than a call per event. A publish completes when
/// its events are on the stream.
/// </summary>
public sealed class EventPublisher : IDisposable
{
    // Small chunks gathered per flush at most; the flush still splits into batches of BatchSize.
    private const int MaxChunksPerFlush = 1024;

    private readonly IAsyncStream<EventBatch>[] partitions;
    private readonly int batchSize;
    private readonly ISubject<Pending> small = Subject.Synchronize(new Subject<Pending>());
    private readonly IDisposable pipeline;

    public EventPublisher(IClusterClient client, IOptions<AnalyticsOptions> options)
        : this(client.GetStreamProvider(Names.StreamProvider), options.Value, DefaultScheduler.Instance)
    {
    }

    public EventPublisher(IStreamProvider provider, AnalyticsOptions options, IScheduler scheduler)
    {
        batchSize = options.BatchSize;
        partitions = Enumerable.Range(0, options.PartitionCount)
            .Select(i => provider.GetStream<EventBatch>(StreamId.Create(Names.EventsNamespace, i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .ToArray();
        pipeline = small
            .Buffer(options.BatchWindow, MaxChunksPerFlush, scheduler)
            .Where(chunks => chunks.Count > 0)
            .Select(chunks => Observable.FromAsync(() => FlushAsync(chunks)))
            .Concat()
            .Subscribe();
    }

    /// <summary>
    /// Events an ingest session gathers before it publishes: a batch's size for every partition,
    /// since a publish splits its events by partition and each part is one router's batch (and a
    /// router calls each brand once per batch).
    /// </summary>
    public int SessionBatchSize => batchSize * partitions.Length;

    /// <summary>Publishes events; completes when they are on the stream.</summary>
    public Task PublishAsync(CareEvent[] events)
    {
        if (events.Length == 0) return Task.CompletedTask;
        if (events.Length >= batchSize / 2) return PublishBatchesAsync(events);
        var pending = new Pending(events, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        small.OnNext(pending);
        return pending.Done.Task;
    }

    public void Dispose()
    {
        small.OnCompleted();
        pipeline.Dispose();
    }

    private async Task FlushAsync(IList<Pending> chunks)
    {
        try
        {
            await PublishBatchesAsync([.. chunks.SelectMany(c => c.Events)]);
            foreach (var c in chunks) c.Done.TrySetResult();
        }
        catch (Exception e)
        {
            foreach (var c in chunks) c.Done.TrySetException(e);
        }
    }

    // Each event goes to its conversation's partition: a conversation's events always reach the
    // same router, whose silo the conversation then lives on (cluster mode), and never two routers
    // at once. The key is the same in every process (ReplayGrouping.GrainKey).
    private async Task PublishBatchesAsync(CareEvent[] events)
    {
        var byPartition = new List<CareEvent>?[partitions.Length];
        foreach (var e in events)
        {
            var p = PartitionOf(e, partitions.Length);
            (byPartition[p] ??= new List<CareEvent>(Math.Min(batchSize, events.Length))).Add(e);
        }
        var sends = new List<Task>();
        for (var p = 0; p < partitions.Length; p++)
        {
            if (byPartition[p] is not { } own) continue;
            for (var at = 0; at < own.Count; at += batchSize)
            {
                sends.Add(partitions[p].OnNextAsync(new EventBatch(CollectionsMarshal.AsSpan(own).Slice(at, Math.Min(batchSize, own.Count - at)).ToArray())));
            }
        }
        await Task.WhenAll(sends);
    }

    /// <summary>The partition of an event's conversation grain, out of <paramref name="count"/>.</summary>
    public static int PartitionOf(CareEvent e, int count) => PartitionOf(ReplayGrouping.GrainKey(e), count);

    /// <summary>The partition of a conversation grain given by its key (<see cref="ReplayGrouping.GrainKey(ulong, ulong)"/>), out of <paramref name="count"/>.</summary>
    public static int PartitionOf(ulong grainKey, int count) =>
        // Fibonacci hashing mixes brand (high half of the key) and conversation (low half).
        (int)((grainKey * 0x9E3779B97F4A7C15UL >> 32) % (ulong)count);

    private sealed record Pending(CareEvent[] Events, TaskCompletionSource Done);
}
