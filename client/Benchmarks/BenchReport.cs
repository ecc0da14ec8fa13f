namespace Analytics.Client.Benchmarks;

/// <summary>Everything one bench run measured, on one machine, written as JSON.</summary>
/// <param name="StartedAt">When the run began (UTC).</param>
/// <param name="Machine">The machine, with its load before the run.</param>
/// <param name="LoadAverageAfter">Load averages when the run ended.</param>
/// <param name="ReplayFile">The generated file replayed.</param>
/// <param name="Engine">Replay through the real grains.</param>
/// <param name="Floor">Replay through no-op grains: the pipeline alone.</param>
/// <param name="EngineToFloor">Engine throughput over the floor's.</param>
/// <param name="EngineToFloorByCpu">Floor CPU per event over the engine's: the same ratio from processor time, which other work on the machine disturbs far less.</param>
/// <param name="Memory">Memory per conversation.</param>
/// <param name="Live">Sustained live ingest with freshness and query latency.</param>
public sealed record BenchReport(
    DateTimeOffset StartedAt,
    MachineInfo Machine,
    string LoadAverageAfter,
    string? ReplayFile,
    ReplayFigures? Engine,
    ReplayFigures? Floor,
    double? EngineToFloor,
    double? EngineToFloorByCpu,
    MemoryFigures? Memory,
    LiveFigures? Live);
