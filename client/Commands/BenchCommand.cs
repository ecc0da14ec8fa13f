using System.CommandLine;
using System.Text.Json;
using Analytics.Client.Benchmarks;
using Analytics.Simulation;
using Spectre.Console;

namespace Analytics.Client.Commands;

/// <summary>
/// bench: replay throughput beside its no-op floor, memory per conversation, live freshness and
/// query latency, in one run on one machine; prints a table and writes JSON.
/// </summary>
internal static class BenchCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { WriteIndented = true };

    public static Command Create()
    {
        var events = new Option<long>("--events") { Description = "Events in the replayed file (smaller for a quick run)", DefaultValueFactory = _ => 5_000_000 };
        var warmUpEvents = new Option<long>("--warmup-events") { Description = "Events replayed first, unmeasured (JIT, memory touched once)", DefaultValueFactory = _ => 1_000_000 };
        var brands = new Option<int>("--brands") { Description = "Brands in the generated traffic", DefaultValueFactory = _ => 100 };
        var seed = new Option<int>("--seed") { Description = "Generator seed", DefaultValueFactory = _ => 1 };
        var data = new Option<DirectoryInfo>("--data") { Description = "Where generated files are kept (reused when present)", DefaultValueFactory = _ => new DirectoryInfo("bench-data") };
        var rate = new Option<double>("--rate") { Description = "Live events per second", DefaultValueFactory = _ => 200_000 };
        var duration = DurationOption.Create("--duration", "Live measurement time");
        var warmUp = DurationOption.Create("--warmup", "Live warm-up before measuring");
        var conversations = new Option<int>("--conversations") { Description = "Open conversations for the memory and live phases", DefaultValueFactory = _ => 100_000 };
        var phases = new Option<string[]>("--phases") { Description = "Which phases to run: replay, memory, live (active conversations), live-idle (each event activates its conversation from storage), live-floor (no-op grains; offer a rate both saturate to compare), live-idle-floor (no-op grains that deactivate after each call: live-idle's floor)", DefaultValueFactory = _ => ["replay", "memory", "live"], AllowMultipleArgumentsPerToken = true };
        phases.AcceptOnlyFromAmong("replay", "memory", "live", "live-idle", "live-floor", "live-idle-floor");
        var text = new Option<bool>("--text") { Description = "Memory phase: messages with authors and texts like real mentions (kept), to set beside the figures without" };
        var skipGrainPath = new Option<bool>("--skip-grain-path") { Description = "Replay only through the history import and its floor (the grain path takes minutes on large files)" };
        var output = new Option<FileInfo>("--out") { Description = "JSON file of the figures", DefaultValueFactory = _ => new FileInfo("bench.json") };

        var command = new Command("bench", "Measure replay throughput against the no-op floor, memory per conversation, live freshness and query latency")
        {
            events, warmUpEvents, brands, seed, data, rate, duration, warmUp, conversations, phases, skipGrainPath, text, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var run = parse.GetValue(phases)!.ToHashSet();
            var started = DateTimeOffset.UtcNow;
            var machine = MachineInfo.Now();
            Say($"bench on {machine.Cores} cores, {machine.Os}, {machine.Runtime}, server GC {machine.ServerGc}, load average {machine.LoadAverage}");

            string? file = null;
            ReplayFigures? import = null, importFloor = null, grains = null;
            if (run.Contains("replay"))
            {
                var options = new TrafficOptions { Brands = parse.GetValue(brands) };
                var measured = await FileAsync(parse.GetValue(data)!, options, parse.GetValue(seed), parse.GetValue(events), cancellationToken);
                var warm = await FileAsync(parse.GetValue(data)!, options, parse.GetValue(seed) + 1, parse.GetValue(warmUpEvents), cancellationToken);
                file = measured.FullName;
                Say($"warm-up: {(await ReplayBenchmark.RunAsync(warm, ReplayPath.Import, cancellationToken)).EventsPerSecond:N0} events/s (import), not counted");
                async Task<ReplayFigures> Measure(ReplayPath path)
                {
                    var f = await ReplayBenchmark.RunAsync(measured, path, cancellationToken);
                    Say($"{path}: {f.EventsPerSecond:N0} events/s ({f.Events:N0} events in {f.Seconds:N1} s, GC pauses {f.GcPauseShare:P0}, {f.CpuMicrosPerEvent:N2} µs CPU and {f.AllocatedBytesPerEvent:N0} B allocated per event)");
                    return f;
                }
                importFloor = await Measure(ReplayPath.ImportFloor);
                import = await Measure(ReplayPath.Import);
                if (!parse.GetValue(skipGrainPath))
                {
                    grains = await Measure(ReplayPath.Grains);
                }
            }

            MemoryFigures? memory = null;
            if (run.Contains("memory"))
            {
                memory = await MemoryBenchmark.RunAsync(parse.GetValue(conversations), parse.GetValue(brands), parse.GetValue(text), cancellationToken);
                Say($"memory: {memory.ActiveHeapBytes:N0} B heap per active conversation, {memory.IdleHeapBytes:N0} B per idle one");
            }

            async Task<LiveFigures?> Live(string phase, LiveVariant variant)
            {
                if (!run.Contains(phase)) return null;
                var f = await LiveBenchmark.RunAsync(
                    variant, parse.GetValue(rate), parse.GetValue(duration) ?? TimeSpan.FromSeconds(60), parse.GetValue(warmUp) ?? TimeSpan.FromSeconds(10),
                    parse.GetValue(conversations), parse.GetValue(brands), cancellationToken);
                Say($"{phase}: {f.AchievedRate:N0} events/s, freshness {f.Freshness}, query {f.Query}");
                return f;
            }
            var live = await Live("live", LiveVariant.Warm);
            var liveIdle = await Live("live-idle", LiveVariant.Idle);
            var liveFloor = await Live("live-floor", LiveVariant.Floor);
            var liveIdleFloor = await Live("live-idle-floor", LiveVariant.IdleFloor);

            var report = new BenchReport(
                started, machine, MachineInfo.LoadAverageNow(), file, import, importFloor, grains,
                ReplayRatios.Of(import, importFloor, grains), memory, live, liveIdle, liveFloor,
                live is not null && liveFloor is not null ? BenchMath.Ratio(live.AchievedRate, liveFloor.AchievedRate) : null,
                liveIdleFloor,
                liveIdle is not null && liveIdleFloor is not null ? BenchMath.Ratio(liveIdle.AchievedRate, liveIdleFloor.AchievedRate) : null);
            AnsiConsole.Write(BenchTable.Of(report));
            var path = parse.GetValue(output)!;
            await using (var stream = path.Create()) await JsonSerializer.SerializeAsync(stream, report, Json, cancellationToken);
            Say($"figures written to {path.FullName}");
            return 0;
        });
        return command;
    }

    private static void Say(string line) => AnsiConsole.MarkupLineInterpolated($"[grey]{DateTime.UtcNow:HH:mm:ss}[/] {line}");

    /// <summary>The generated file for these settings, made once and reused.</summary>
    private static async Task<FileInfo> FileAsync(DirectoryInfo data, TrafficOptions options, int seed, long events, CancellationToken cancellationToken)
    {
        var file = new FileInfo(Path.Combine(data.FullName, $"traffic-{events}-b{options.Brands}-s{seed}.ndjson"));
        if (file.Exists) return file;
        Say($"generating {events:N0} events into {file.FullName}");
        var start = Models.Time.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var partial = new FileInfo(file.FullName + ".partial");
        await GenerateCommand.WriteAsync(partial, TrafficGenerator.Generate(options, seed, start, events), cancellationToken);
        partial.MoveTo(file.FullName);
        return file;
    }
}
