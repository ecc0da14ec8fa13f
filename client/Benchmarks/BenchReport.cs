namespace Analytics.Client.Benchmarks;

/// <summary>Everything one bench run measured, on one machine, written as JSON.</summary>
/// <param name="StartedAt">When the run began (UTC).</param>
/// <param name="Machine">The machine, with its load before the run.</param>
/// <param name="LoadAverageAfter">Load averages when the run ended.</param>
/// <param name="ReplayFile">The generated file replayed.</param>
/// <param name="Import">replay --embedded: the history import.</param>
/// <param name="ImportFloor">The import's floor: read, parse and group by conversation only.</param>
/// <param name="Grains">replay --embedded --via grains: a grain call per conversation.</param>
/// <param name="Ratios">Throughput ratios between those, measured in this run.</param>
/// <param name="Memory">Memory per conversation.</param>
/// <param name="Live">Sustained live ingest into active conversations, with freshness and query latency.</param>
/// <param name="LiveIdle">The same with conversations that deactivate after every call (each event activates one from storage).</param>
/// <param name="LiveFloor">The same way with no-op conversation and brand grains.</param>
/// <param name="LiveToFloor">The live rate over the floor's, at the same offered rate (meaningful when both saturate).</param>
/// <param name="LiveIdleFloor">The idle phase's floor: no-op grains that deactivate after each call.</param>
/// <param name="LiveIdleToFloor">The idle phase's rate over its floor's.</param>
public sealed record BenchReport(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    string LoadAverageAfter,
    string? ReplayFile,
    ReplayFigures? Import,
    ReplayFigures? ImportFloor,
    ReplayFigures? Grains,
    ReplayRatios? Ratios,
    MemoryFigures? Memory,
    LiveFigures? Live,
    LiveFigures? LiveIdle,
    LiveFigures? LiveFloor,
    double? LiveToFloor,
    LiveFigures? LiveIdleFloor = null,
    double? LiveIdleToFloor = null);

/// <summary>Replay throughput ratios of one bench run, by events per second and by CPU per event (which other work on the machine disturbs far less).</summary>
/// <param name="ImportToFloor">Import over its floor (parse and group only).</param>
/// <param name="ImportToFloorByCpu">The same from CPU per event.</param>
/// <param name="ImportToGrains">Import over the grain path.</param>
public sealed record ReplayRatios(double? ImportToFloor, double? ImportToFloorByCpu, double? ImportToGrains)
{
    /// <summary>The ratios among whichever figures were measured.</summary>
    public static ReplayRatios Of(ReplayFigures? import, ReplayFigures? importFloor, ReplayFigures? grains) => new(
        import is not null && importFloor is not null ? BenchMath.Ratio(import.EventsPerSecond, importFloor.EventsPerSecond) : null,
        import is not null && importFloor is not null ? BenchMath.Ratio(importFloor.CpuMicrosPerEvent, import.CpuMicrosPerEvent) : null,
        import is not null && grains is not null ? BenchMath.Ratio(import.EventsPerSecond, grains.EventsPerSecond) : null);
}
