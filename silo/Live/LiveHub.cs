using System.Collections.Concurrent;
using System.Reactive.Disposables;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using Analytics.Models;

namespace Analytics.Silo.Live;

/// <summary>
/// The silo's one subscriber of every brand, whatever the number of open pages: brands push to
/// it (at most once a second each) and it fans the updates out to the server-sent-event
/// connections of this silo. It subscribes only while a page is connected, so an unwatched
/// engine (a benchmark) pays nothing for live push; it renews each subscription well inside the
/// brands' observer expiry, which also re-creates a brand that was deactivated meanwhile, and
/// asks the brand directory twice a second for brands that appeared.
/// </summary>
public sealed class LiveHub(IGrainFactory grains, TimeProvider time, ILogger<LiveHub> logger) : BackgroundService, IBrandObserver
{
    private static readonly TimeSpan DiscoveryInterval = TimeSpan.FromMilliseconds(500);
    // A reloading page drops its connection and opens another: keep the subscriptions through that.
    private static readonly TimeSpan IdleGrace = TimeSpan.FromSeconds(30);

    private readonly ISubject<LiveUpdate> updates = Subject.Synchronize(new Subject<LiveUpdate>());
    private readonly ConcurrentDictionary<string, LiveUpdate> latest = new(StringComparer.Ordinal);
    // Only the ExecuteAsync loop touches this.
    private readonly Dictionary<string, DateTimeOffset> renewedAt = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim wake = new(0);
    private IBrandObserver? reference;
    private int connections, subscriptions;
    private long idleSinceTicks;

    /// <summary>Open page connections on this silo.</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>Brands this silo is subscribed to.</summary>
    public int Subscriptions => Volatile.Read(ref subscriptions);

    /// <summary>Updates as brands push them.</summary>
    public IObservable<LiveUpdate> Updates => updates.AsObservable();

    /// <summary>The latest update of every subscribed brand: what a newly connected page starts from.</summary>
    public IEnumerable<LiveUpdate> Latest => latest.Values;

    /// <summary>Counts a page connection for as long as the result is not disposed.</summary>
    public IDisposable Connect()
    {
        if (Interlocked.Increment(ref connections) == 1) wake.Release();
        return Disposable.Create(() =>
        {
            if (Interlocked.Decrement(ref connections) == 0) Interlocked.Exchange(ref idleSinceTicks, time.GetUtcNow().UtcTicks);
        });
    }

    /// <inheritdoc />
    public Task OnBrandChangedAsync(BrandMetrics metrics)
    {
        var update = LiveUpdate.Of(metrics);
        latest[update.Brand] = update;
        updates.OnNext(update);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task OnAlertAsync(Alert alert)
    {
        // Not kept in the latest: an alert is news once; its history is at /api/brands/{brand}/alerts/history.
        updates.OnNext(LiveUpdate.Of(alert));
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await TickAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The silo may still be starting, or a brand's silo may be gone: the next tick retries.
                    logger.LogWarning(e, "Live hub could not renew its brand subscriptions");
                }
                await wake.WaitAsync(DiscoveryInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the brands drop the subscriptions when they expire.
        }
    }

    private async Task TickAsync()
    {
        var now = time.GetUtcNow();
        if (Connections == 0)
        {
            if (renewedAt.Count > 0 && now.UtcTicks - Interlocked.Read(ref idleSinceTicks) >= IdleGrace.Ticks) await UnsubscribeAllAsync();
            return;
        }
        reference ??= grains.CreateObjectReference<IBrandObserver>(this);
        var brands = await grains.GetGrain<IBrandDirectoryGrain>(0).GetBrandsAsync();
        var due = brands.Where(b => !renewedAt.TryGetValue(b, out var at) || now - at >= BrandObservers.Renewal).ToList();
        if (due.Count == 0) return;
        await Task.WhenAll(due.Select(b => grains.GetGrain<IBrandGrain>(b).SubscribeAsync(reference)));
        foreach (var b in due) renewedAt[b] = now;
        Volatile.Write(ref subscriptions, renewedAt.Count);
    }

    private async Task UnsubscribeAllAsync()
    {
        if (reference is { } observer) await Task.WhenAll(renewedAt.Keys.Select(b => grains.GetGrain<IBrandGrain>(b).UnsubscribeAsync(observer)));
        renewedAt.Clear();
        latest.Clear();
        Volatile.Write(ref subscriptions, 0);
    }
}
