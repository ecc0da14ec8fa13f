using System.Diagnostics;
using Analytics.Client.Infrastructure;
using Analytics.Import;
using Analytics.Ingest;
using Analytics.Models;

namespace Analytics.Client.Benchmarks;

/// <summary>Which way a replay benchmark sends the file.</summary>
public enum ReplayPath
{
    /// <summary>replay --embedded: the history import.</summary>
    Import,
    /// <summary>The import's floor: reading, parsing on every core and grouping by conversation, no state computed or stored.</summary>
    ImportFloor,
    /// <summary>replay --embedded --via grains: the ingest stream and a grain call per conversation.</summary>
    Grains,
}

/// <summary>
/// A replay of one file, timed from its first byte to the report built (the floors build none).
/// Silo start and stop are not timed.
/// </summary>
public static class ReplayBenchmark
{
    /// <summary>Replays <paramref name="file"/> along <paramref name="path"/> in a fresh silo.</summary>
    public static async Task<ReplayFigures> RunAsync(FileInfo file, ReplayPath path, CancellationToken cancellationToken)
    {
        var input = new ReplayInput(file.FullName, InputFormat.Ndjson);
        if (path == ReplayPath.ImportFloor) return await MeasureAsync(() => FloorAsync(input, cancellationToken));
        var viaGrains = path != ReplayPath.Import;
        var silo = viaGrains ? await EmbeddedSilo.StartForReplayAsync(cancellationToken) : await EmbeddedSilo.StartAsync(cancellationToken: cancellationToken);
        await using var target = new EmbeddedTarget(silo, viaGrains);
        return await MeasureAsync(async () =>
        {
            var receipt = await target.ReplayFileAsync(input, new ReplayCounters(), cancellationToken);
            while (!await target.WaitCaughtUpAsync(TimeSpan.FromSeconds(1), cancellationToken))
            {
            }
            await target.ReportAsync(MetricsQuery.All, cancellationToken);
            return receipt.Accepted;
        });
    }

    // Parse, and group as the import's workers do (each with its HeldBack), without computing.
    private static async Task<long> FloorAsync(ReplayInput input, CancellationToken cancellationToken)
    {
        var events = 0L;
        var held = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new HeldBack()).ToArray();
        await using var stream = InputFiles.Open(input);
        await foreach (var chunk in NdjsonChunks.ReadAsync(stream, cancellationToken: cancellationToken))
        {
            Parallel.For(0, chunk.Shares, share => held[share].Take(chunk.Share(share), final: false));
            chunk.Release();
            events += chunk.EventCount;
        }
        return events;
    }

    private static async Task<ReplayFigures> MeasureAsync(Func<Task<long>> run)
    {
        GC.Collect();
        var pausedBefore = GC.GetTotalPauseDuration();
        var gen2Before = GC.CollectionCount(2);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();

        var accepted = await run();

        var elapsed = clock.Elapsed;
        using var process = Process.GetCurrentProcess();
        var events = Math.Max(1, accepted);
        return new ReplayFigures(
            accepted,
            elapsed.TotalSeconds,
            BenchMath.Rate(accepted, elapsed),
            (GC.GetTotalPauseDuration() - pausedBefore) / elapsed,
            GC.CollectionCount(2) - gen2Before,
            process.WorkingSet64,
            (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / events,
            (GC.GetTotalAllocatedBytes() - allocatedBefore) / (double)events);
    }
}
