using System.Reactive.Concurrency;
using Analytics.Hosting;
using Analytics.Ingest;
using Analytics.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Cluster;

/// <summary>The publisher's Rx micro-batching on virtual time, publishing to the cluster's real ingest stream.</summary>
[Collection(ClusterCollection.Name)]
public class EventPublisherTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(20);

    private EventPublisher Publisher(IScheduler scheduler)
    {
        var provider = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<IClusterClient>().GetStreamProvider(Names.StreamProvider);
        return new EventPublisher(provider, new AnalyticsOptions { BatchWindow = Window, BatchSize = 64, Partitions = 4 }, scheduler);
    }

    private static CareEvent Inbound(string brand, string id) =>
        new(id, EventKind.Message, brand, "twitter", "c-" + id, Direction.Inbound, Time.FromDateTimeOffset(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero)), 1);

    // The publisher alone does not count accepted events (an ingest session does), so the test
    // records them, then waits on the ledger's barrier until they are applied.
    private async Task<long> OpenedOnceAppliedAsync(string brand, long accepted)
    {
        await fixture.Cluster.Client.GetGrain<IIngestLedgerGrain>(0).RecordIngestAsync(new RejectTally().Receipt(accepted, 0));
        await fixture.Engine.CaughtUpAsync();
        return (await fixture.Cluster.Client.GetGrain<IBrandGrain>(brand).GetMetricsAsync(MetricsQuery.All)).Total.Opened;
    }

    [Fact]
    public async Task PublishAsync_SmallChunks_WaitForTheWindowThenAllArrive()
    {
        var brand = "pub-" + Guid.NewGuid().ToString("N")[..8];
        var scheduler = new HistoricalScheduler();
        using var publisher = Publisher(scheduler);

        var first = publisher.PublishAsync([Inbound(brand, "1")]);
        var second = publisher.PublishAsync([Inbound(brand, "2"), Inbound(brand, "3")]);
        scheduler.AdvanceBy(Window / 2);
        Assert.False(first.IsCompleted || second.IsCompleted, "a small chunk went out before its window closed");

        scheduler.AdvanceBy(Window / 2);
        await Task.WhenAll(first, second);
        Assert.Equal(3, await OpenedOnceAppliedAsync(brand, 3));
    }

    [Fact]
    public async Task PublishAsync_ManySmallChunks_FlushByCountWithoutTimePassing()
    {
        var brand = "pub-" + Guid.NewGuid().ToString("N")[..8];
        var scheduler = new HistoricalScheduler();
        using var publisher = Publisher(scheduler);

        // 1024 chunks fill one buffer by count: virtual time never moves.
        var sends = Enumerable.Range(0, 1024).Select(i => publisher.PublishAsync([Inbound(brand, i.ToString(System.Globalization.CultureInfo.InvariantCulture))])).ToList();
        await Task.WhenAll(sends);
        Assert.Equal(1024, await OpenedOnceAppliedAsync(brand, 1024));
    }
}
