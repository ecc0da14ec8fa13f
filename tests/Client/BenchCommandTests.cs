using System.Text.Json.Nodes;
using Analytics.Tests.Redis;

namespace Analytics.Tests.Client;

/// <summary>
/// `bench` as outside tools run it, on a small scale: every phase runs its real path (the live
/// floor's no-op grains in place of the engine's, the import beside its floor and the grain path)
/// and writes the JSON fields they read. Figures are checked for sense, never for speed.
/// </summary>
[Collection(RedisProcessesCollection.Name)]
public class BenchCommandTests
{
    [Fact]
    public async Task LivePhases_WriteTheFiguresOutsideToolsRead()
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("analytics-bench-").FullName, "bench.json");
        var (exit, text) = await ClientProcess.RunAsync("bench", "--phases", "live", "live-floor", "--rate", "4000", "--duration", "3s", "--warmup", "1s", "--conversations", "2000", "--out", output);
        Assert.True(exit == 0, text);

        var figures = JsonNode.Parse(await File.ReadAllTextAsync(output))!;
        foreach (var phase in new[] { "live", "liveFloor" })
        {
            var live = figures[phase]!;
            // The driver offers 4,000 events/s; what it reached may fall short on a busy machine, not exceed it.
            Assert.InRange(live["achievedRate"]!.GetValue<double>(), 400, 4000 * 1.1);
            Assert.True(live["freshness"]!["count"]!.GetValue<long>() > 0, $"{phase}: no freshness samples");
            Assert.True(live["freshness"]!["p99Ms"]!.GetValue<double>() >= live["freshness"]!["p50Ms"]!.GetValue<double>());
        }
        // Brand queries run against the engine only: the floor's brands compute nothing.
        Assert.True(figures["live"]!["query"]!["count"]!.GetValue<long>() > 0);
        Assert.True(figures["live"]!["query"]!["p99Ms"]!.GetValue<double>() > 0);
        var ratio = figures["liveToFloor"]!.GetValue<double>();
        Assert.Equal(figures["live"]!["achievedRate"]!.GetValue<double>() / figures["liveFloor"]!["achievedRate"]!.GetValue<double>(), ratio, 6);
    }

    [Fact]
    public async Task ReplayPhase_MeasuresImportFloorAndGrainPathOnTheSameFile()
    {
        var folder = Directory.CreateTempSubdirectory("analytics-bench-").FullName;
        var output = Path.Combine(folder, "bench.json");
        var (exit, text) = await ClientProcess.RunAsync("bench", "--phases", "replay", "--events", "20000", "--warmup-events", "5000", "--data", folder, "--out", output);
        Assert.True(exit == 0, text);

        var figures = JsonNode.Parse(await File.ReadAllTextAsync(output))!;
        // The generated file holds repeated lines (duplicates by id): each path counts the lines it accepted, all of them.
        var lines = File.ReadLines(figures["replayFile"]!.GetValue<string>()).LongCount();
        foreach (var path in new[] { "import", "importFloor", "grains" })
        {
            Assert.Equal(lines, figures[path]!["events"]!.GetValue<long>());
            Assert.True(figures[path]!["eventsPerSecond"]!.GetValue<double>() > 0, path);
        }
        var ratios = figures["ratios"]!;
        Assert.Equal(figures["import"]!["eventsPerSecond"]!.GetValue<double>() / figures["importFloor"]!["eventsPerSecond"]!.GetValue<double>(), ratios["importToFloor"]!.GetValue<double>(), 6);
    }
}
