namespace Analytics.Client.Benchmarks;

/// <summary>One replay of a file, from its bytes to the final report.</summary>
/// <param name="Events">Events accepted.</param>
/// <param name="Seconds">Wall time from the first byte read to the report built.</param>
/// <param name="EventsPerSecond">Throughput.</param>
/// <param name="GcPauseShare">Share of the time the GC paused the process.</param>
/// <param name="Gen2Collections">Full collections during the run.</param>
/// <param name="WorkingSetBytes">Working set at the end of the run.</param>
/// <param name="CpuMicrosPerEvent">Processor time of the whole process per event: less sensitive than wall time to other work on the machine.</param>
/// <param name="AllocatedBytesPerEvent">Managed bytes allocated per event, whatever the machine's load.</param>
public sealed record ReplayFigures(
    long Events, double Seconds, double EventsPerSecond, double GcPauseShare, int Gen2Collections, long WorkingSetBytes,
    double CpuMicrosPerEvent, double AllocatedBytesPerEvent);
