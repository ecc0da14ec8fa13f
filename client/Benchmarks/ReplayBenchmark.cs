using System.Diagnostics;
using System.Runtime.CompilerServices;
using Analytics.Client.Infrastructure;
using Analytics.Ingest;
using Analytics.Models;

namespace Analytics.Client.Benchmarks;

/// <summary>
/// The replay --embedded path, timed: a fresh in-process silo, the file streamed through the
/// parser and publisher, every event reflected in the brand grains, the report built. The floor
/// is the same run with Analytics:NoOpGrains.
/// </summary>
public static class ReplayBenchmark
{
    /// <summary>Replays <paramref name="file"/> into a new silo; silo start and stop are not timed.</summary>
    public static async Task<ReplayFigures> RunAsync(FileInfo file, bool noOpGrains, CancellationToken cancellationToken)
    {
        await using var target = new EmbeddedTarget(await EmbeddedSilo.StartForReplayAsync(noOpGrains, cancellationToken));
        GC.Collect();
        var pausedBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        var lines = InputFiles.ReadAsync(file.FullName, InputFormat.Ndjson, new StrongBox<long>(), new StrongBox<TwcsImportResult?>(), cancellationToken);
        var receipt = await target.ReplayAsync(ReplayGrouping.GroupAsync(lines, ReplayGrouping.DefaultChunkEvents, cancellationToken), new ReplayCounters(), cancellationToken);
        while (!await target.WaitCaughtUpAsync(TimeSpan.FromSeconds(1), cancellationToken))
        {
        }
        await target.ReportAsync(MetricsQuery.All, cancellationToken);

        var elapsed = clock.Elapsed;
        using var process = Process.GetCurrentProcess();
        var events = Math.Max(1, receipt.Accepted);
        return new ReplayFigures(
            receipt.Accepted,
            elapsed.TotalSeconds,
            BenchMath.Rate(receipt.Accepted, elapsed),
            (GC.GetTotalPauseDuration() - pausedBefore) / elapsed,
            GC.CollectionCount(2) - gen2Before,
            process.WorkingSet64,
            (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / events,
            (GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)events);
    }
}
