using Analytics.Ingest;
using Analytics.Models;
using Analytics.Silo.Observability;
using Analytics.Simulation;
using Microsoft.Extensions.Options;

namespace Analytics.Silo.Demo;

/// <summary>
/// A living dashboard within seconds of `dotnet run`: the shared seeded generator
/// (<see cref="TrafficGenerator"/>, a dozen brands whose median first reply runs from minutes to
/// over eight hours, some leaving a third unanswered) replays the last hour at once, then follows
/// the wall clock, publishing what is due four times a second through the same ingest path as
/// POST /api/events. Event time is wall-clock time, as the silo's live as-of mode expects.
/// </summary>
public sealed class DemoFeed(
    IServiceProvider services,
    Instrumentation instrumentation,
    IOptions<DemoFeedOptions> options,
    TimeProvider time,
    ILogger<DemoFeed> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    // Example alert rules (README, "Alerts"), so the alerts panels show at once what the engine
    // warns about: each demo brand gets them unless it has rules of its own (set through the API
    // or the page, and kept in the data directory across restarts).
    private static readonly AlertRules ExampleRules = new(
        [
            new AlertRule(AlertRule.SlaBreachForecast, WithinSeconds: 600),
            new AlertRule(AlertRule.ResponseRateBelow, Threshold: 0.3, WindowSeconds: 3600, MinOpened: 20),
            new AlertRule(AlertRule.BacklogGrowth, PerMinuteAbove: 2, WindowSeconds: 900),
        ],
        []);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Resolved here, not injected: hosted services are built before any starts, and the
        // ingest's publisher needs the silo's stream provider, which exists once the silo has started.
        var ingest = services.GetRequiredService<IngestService>();
        var o = options.Value;
        var now = Time.FromDateTimeOffset(time.GetUtcNow());
        var start = now - (long)o.DemoFeedHistory.TotalMicroseconds;
        var generator = new TrafficGenerator(new TrafficOptions
        {
            EventsPerSecond = o.DemoFeedEventsPerSecond,
            // Authors and texts: the page's complaints, canned replies and conversations have something to show.
            Text = true,
            // Ids differ per run, so a restarted silo with durable storage never sees its old ids again with new times.
            IdPrefix = $"demo{Time.MinuteOf(now)}-",
        }, o.DemoFeedSeed, start);
        logger.LogInformation(
            "Demo feed on: {Brands} brands, {Rate} events/s, {History} of history; turn it off with --Analytics:DemoFeed=false",
            generator.Brands.Count, o.DemoFeedEventsPerSecond, o.DemoFeedHistory);

        await SetExampleRulesAsync(generator.Brands.Select(b => b.Name));

        var due = new List<CareEvent>();
        using var timer = new PeriodicTimer(Tick, time);
        try
        {
            do
            {
                due.Clear();
                generator.EmitUntil(Time.FromDateTimeOffset(time.GetUtcNow()), due);
                if (due.Count > 0) await PublishAsync(ingest, due);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo stops.
        }
    }

    private async Task SetExampleRulesAsync(IEnumerable<string> brands)
    {
        var grains = services.GetRequiredService<IGrainFactory>();
        foreach (var brand in brands)
        {
            var grain = grains.GetGrain<IBrandGrain>(brand);
            if ((await grain.GetAlertRulesAsync()).Rules.Length == 0) await grain.SetAlertRulesAsync(ExampleRules);
        }
    }

    private async Task PublishAsync(IngestService ingest, List<CareEvent> events)
    {
        try
        {
            instrumentation.Record(await ingest.AcceptAsync(events, keep: false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A demo must not take the silo down; these events are lost, the next tick goes on.
            logger.LogWarning(e, "Demo feed could not publish {Count} events", events.Count);
        }
    }
}
