using System.Reactive.Linq;
using System.Reactive.Subjects;
using System.Reactive.Threading.Tasks;
using Analytics.Models;

namespace Analytics.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public class BrandObserverTests(ClusterFixture fixture)
{
    /// <summary>Keeps every push, so a test can wait for the one it expects (an event barrier, not a sleep).</summary>
    private sealed class Recorder : IBrandObserver
    {
        private readonly ReplaySubject<BrandMetrics> pushes = new();

        public Task OnBrandChangedAsync(BrandMetrics metrics)
        {
            pushes.OnNext(metrics);
            return Task.CompletedTask;
        }

        public Task OnAlertAsync(Alert alert) => Task.CompletedTask;

        public Task<BrandMetrics> NextAsync(Func<BrandMetrics, bool> wanted) =>
            pushes.FirstAsync(wanted).Timeout(TimeSpan.FromSeconds(30)).ToTask();
    }

    private static string Message(string id, string brand, string direction, string timestamp) =>
        $$"""{"id":"{{id}}","brand":"{{brand}}","conversationId":"c","direction":"{{direction}}","timestamp":"{{timestamp}}"}""";

    [Fact]
    public async Task Subscribe_ThenEvents_PushesFiguresThatFollowTheEvents()
    {
        var engine = fixture.Engine;
        await engine.IngestAsync([Message("o1", "ObserverCo", "inbound", "2024-05-01T10:00:00Z")]);
        await engine.CaughtUpAsync();
        var recorder = new Recorder();
        var observer = fixture.Cluster.Client.CreateObjectReference<IBrandObserver>(recorder);
        var brand = engine.Grains.GetGrain<IBrandGrain>("ObserverCo");

        await brand.SubscribeAsync(observer);
        var first = await recorder.NextAsync(m => m.Total.Opened == 1);
        Assert.Equal((0L, 1L), (first.Total.Responded, first.Total.Backlog));

        await engine.IngestAsync([Message("o2", "ObserverCo", "outbound", "2024-05-01T10:01:00Z")]);
        var second = await recorder.NextAsync(m => m.Total.Responded == 1);
        Assert.Equal([60 * Time.MicrosPerSecond], second.Total.Frts);
        Assert.Equal(0, second.Total.Backlog);

        // Each push also samples the backlog into the brand's history: the series shows it at the as-of's minute.
        var minute = Time.MinuteOf(second.AsOf!.Value) * Time.MicrosPerMinute;
        var series = await brand.GetSeriesAsync(new SeriesQuery(minute - Time.MicrosPerMinute, minute + Time.MicrosPerMinute, 1));
        Assert.Equal([1L, 0L], series.Backlog);
        Assert.Equal([1L, 0L], series.Buckets.Select(b => b.Opened));
        await brand.UnsubscribeAsync(observer);
    }
}
