using System.CommandLine;
using Analytics.Client.Benchmarks;
using Analytics.Client.Infrastructure;
using Analytics.Hosting;
using Analytics.Models;
using Analytics.Simulation;
using Spectre.Console;

namespace Analytics.Client.Commands;

/// <summary>
/// load [--silo URL | --embedded] [--rate N] [--duration 60s | --events N]: seeded generator
/// traffic at a fixed rate or as fast as possible, with live counts and freshness.
/// </summary>
internal static class LoadCommand
{
    // Waits compressed so that a live stream reaches its rate within seconds and keeps few conversations open.
    private const double DefaultTimeScale = 3600;
    private const int FastChunk = 20_000;

    public static Command Create()
    {
        var silo = new SiloOptions();
        var embedded = new Option<bool>("--embedded") { Description = "Start a silo in this process (live as-of) instead of using --silo" };
        var rate = new Option<double?>("--rate") { Description = "Events per second; as fast as possible when absent" };
        var duration = DurationOption.Create("--duration", "How long to send");
        var events = new Option<long?>("--events") { Description = "How many events to send" };
        var traffic = new TrafficCliOptions(DefaultTimeScale);
        var command = new Command("load", "Send seeded generator traffic to the engine and show throughput and freshness") { embedded, rate, duration, events };
        silo.AddTo(command);
        traffic.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var perSecond = parse.GetValue(rate);
            if (perSecond is <= 0)
            {
                Console.Error.WriteLine("--rate must be positive");
                return 2;
            }
            var (until, max) = (parse.GetValue(duration), parse.GetValue(events));
            if (until is null && max is null) until = TimeSpan.FromSeconds(60);

            await using IReplayTarget target = parse.GetValue(embedded)
                ? new EmbeddedTarget(await EmbeddedSilo.StartAsync(new Dictionary<string, string?> { ["Analytics:AsOf"] = nameof(AsOfMode.Live) }, cancellationToken))
                : new HttpTarget(silo.Api(parse));
            var start = DateTimeOffset.UtcNow;
            var options = traffic.Options(parse, perSecond);
            var generator = new TrafficGenerator(options, traffic.Seed(parse), traffic.Start(parse, perSecond is null ? HistoryStart(start, options, until, max) : start));
            var startMicros = Time.FromDateTimeOffset(start);
            // Paced: whatever the generator has due by now (its event time is the wall clock). Unpaced: the next chunk.
            Func<TimeSpan, List<CareEvent>, bool> source = perSecond is null
                ? (_, chunk) => { chunk.AddRange(generator.Take(FastChunk)); return true; }
                : (elapsed, chunk) => { generator.EmitUntil(startMicros + (long)elapsed.TotalMicroseconds, chunk); return true; };
            var driver = new LoadDriver(target, source);
            try
            {
                await RunWithProgressAsync(driver, until, max, cancellationToken);
            }
            catch (Exception e) when (e is SilosUnavailableException or SiloHttpException)
            {
                return silo.Fail(parse, e);
            }
            return driver.Rejected == 0 ? 0 : 1;
        });
        return command;
    }

    // Unpaced, the generator runs ahead of the clock at its own event rate: started now, all but the
    // first minutes of a run were "in the future" and a live silo refused them (96% of a
    // 300,000-event run). Started far enough back, the whole run is history that ends by now: the
    // events asked for, or as many as 2 million a second could send in the time asked for.
    private static DateTimeOffset HistoryStart(DateTimeOffset now, TrafficOptions options, TimeSpan? until, long? max)
    {
        var events = max ?? (long)(until!.Value.TotalSeconds * 2_000_000);
        return now - TimeSpan.FromSeconds(events / options.EventsPerSecond);
    }

    private static async Task RunWithProgressAsync(LoadDriver driver, TimeSpan? until, long? max, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var table = new Table().AddColumns("sent", "accepted", "rejected", "events/s", "pending", "freshness p50", "p99", "max");
        table.AddRow("", "", "", "", "", "", "", "");
        var run = driver.RunAsync(until, max, TimeSpan.FromSeconds(60), cancellationToken);
        await AnsiConsole.Live(table).StartAsync(async ctx =>
        {
            while (true)
            {
                var done = await Task.WhenAny(run, Task.Delay(500, cancellationToken)) == run;
                var f = driver.Freshness();
                var seconds = (DateTime.UtcNow - started).TotalSeconds;
                table.UpdateCell(0, 0, $"{driver.Sent:N0}").UpdateCell(0, 1, $"{driver.Accepted:N0}").UpdateCell(0, 2, $"{driver.Rejected:N0}")
                    .UpdateCell(0, 3, $"{(done ? driver.Sent / driver.SendingTime.TotalSeconds : driver.Sent / seconds):N0}")
                    .UpdateCell(0, 4, $"{driver.Pending:N0}")
                    .UpdateCell(0, 5, $"{f.P50Ms:N1} ms").UpdateCell(0, 6, $"{f.P99Ms:N1} ms").UpdateCell(0, 7, $"{f.MaxMs:N1} ms");
                ctx.Refresh();
                if (done) break;
            }
        });
        await run;
    }
}
