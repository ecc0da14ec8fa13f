using System.Diagnostics;
using Analytics.Client.Infrastructure;
using Analytics.Hosting;
using Analytics.Models;
using Analytics.Simulation;
using HdrHistogram;

namespace Analytics.Client.Benchmarks;

/// <summary>How the conversations of a live run are kept.</summary>
public enum LiveVariant
{
    /// <summary>Conversation grains stay active between events (the engine's default collection age).</summary>
    Warm,

    /// <summary>Every conversation grain deactivates after each call, so each event activates one from storage: replies minutes to hours apart, as in real traffic.</summary>
    Idle,

    /// <summary>The same way with no-op conversation and brand grains (<see cref="NoOpGrains"/>): the floor of the live path.</summary>
    Floor,

    /// <summary>No-op grains that deactivate after each call, as <see cref="Idle"/>'s: the floor of the idle phase.</summary>
    IdleFloor,
}

/// <summary>
/// Live mode: a fresh in-process silo with the wall-clock as-of, a known set of conversations
/// opened first, then events at a fixed rate into them, through the ingest session and publisher
/// (not HTTP). Freshness from the applied count (<see cref="FreshnessTracker"/>); query latency
/// from brand metrics over the last 24 h, asked every few milliseconds meanwhile (not on the floor,
/// which computes no figures).
/// </summary>
public static class LiveBenchmark
{
    private static readonly TimeSpan QueryEvery = TimeSpan.FromMilliseconds(10);
    private const int MaxChunk = 100_000;

    public static async Task<LiveFigures> RunAsync(LiveVariant variant, double rate, TimeSpan duration, TimeSpan warmUp, int conversations, int brands, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string?> { ["Analytics:AsOf"] = nameof(AsOfMode.Live) };
        var (idle, floor) = (variant is LiveVariant.Idle or LiveVariant.IdleFloor, variant is LiveVariant.Floor or LiveVariant.IdleFloor);
        if (idle) settings["Analytics:ConversationCollectionAge"] = TimeSpan.Zero.ToString();
        var silo = await EmbeddedSilo.StartAsync(settings, cancellationToken, floor ? NoOpGrains.Install : null);
        await using var target = new EmbeddedTarget(silo);
        var traffic = new OpenConversationTraffic(conversations, brands, "live-");
        await MemoryBenchmark.OpenAsync(target, traffic, Time.FromDateTimeOffset(DateTimeOffset.UtcNow), cancellationToken);

        var lastTimestamp = 0L;
        var produced = 0L;
        // Events due at the rate since the run began; timestamps follow the wall clock and never repeat.
        bool Source(TimeSpan elapsed, List<CareEvent> chunk)
        {
            var due = (long)(rate * elapsed.TotalSeconds) - produced;
            var now = Time.FromDateTimeOffset(DateTimeOffset.UtcNow);
            for (var i = 0; i < Math.Min(due, MaxChunk); i++)
            {
                lastTimestamp = Math.Max(now, lastTimestamp + 1);
                chunk.Add(traffic.Next(lastTimestamp));
            }
            produced += chunk.Count;
            return true;
        }

        await new LoadDriver(target, Source).RunAsync(warmUp, null, TimeSpan.FromSeconds(30), cancellationToken);

        // The measured run paces from its own start.
        produced = 0;
        var driver = new LoadDriver(target, Source);
        using var stopQueries = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var queries = floor ? Task.FromResult<HistogramBase>(new LongHistogram(FreshnessTracker.MaxMicros, 3)) : QueryAsync(target.Grains, traffic.Brands, stopQueries.Token);
        var pausedBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await driver.RunAsync(duration, null, TimeSpan.FromSeconds(30), cancellationToken);
        var elapsed = clock.Elapsed;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        await stopQueries.CancelAsync();
        var sent = Math.Max(1, driver.Sent);

        return new LiveFigures(
            variant,
            rate,
            BenchMath.Rate(driver.Sent, driver.SendingTime),
            driver.SendingTime.TotalSeconds,
            conversations,
            driver.Freshness(),
            LatencySummary.Of(await queries),
            driver.Pending,
            paused / elapsed,
            cpu.TotalMicroseconds / sent,
            allocated / (double)sent);
    }

    private static async Task<HistogramBase> QueryAsync(IGrainFactory grains, IReadOnlyList<string> brands, CancellationToken cancellationToken)
    {
        var latencies = new LongHistogram(FreshnessTracker.MaxMicros, 3);
        var next = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = Time.FromDateTimeOffset(DateTimeOffset.UtcNow);
                var to = (Time.MinuteOf(now) + 1) * Time.MicrosPerMinute;
                var query = new MetricsQuery(to - (24 * Time.MicrosPerHour), to);
                var brand = grains.GetGrain<IBrandGrain>(brands[next++ % brands.Count]);
                var started = MonotonicClock.Micros;
                await brand.GetMetricsAsync(query);
                latencies.RecordValue(Math.Min(MonotonicClock.Micros - started, FreshnessTracker.MaxMicros));
                await Task.Delay(QueryEvery, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The ingest is over.
        }
        return latencies;
    }
}
