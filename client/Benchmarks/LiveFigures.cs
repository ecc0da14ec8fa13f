namespace Analytics.Client.Benchmarks;

/// <summary>A sustained ingest at a fixed rate into open conversations, and brand queries beside it.</summary>
/// <param name="Variant">How conversations were kept, or the no-op floor.</param>
/// <param name="TargetRate">Events per second asked for.</param>
/// <param name="AchievedRate">Events per second sent (the sender waits for the publisher, so a slow engine lowers it).</param>
/// <param name="Seconds">Measured sending time.</param>
/// <param name="Conversations">Open conversations the events went to.</param>
/// <param name="Freshness">Accepted by the publisher until reflected in the brand grains.</param>
/// <param name="Query">Brand metrics over the last 24 h, while the ingest ran.</param>
/// <param name="PendingAtEnd">Events not yet reflected when sending stopped plus the drain time.</param>
/// <param name="GcPauseShare">Share of the measured time the GC paused the process.</param>
/// <param name="CpuMicrosPerEvent">Processor time of the whole process (sender and queries included) per event sent: less sensitive than the rate to other work on the machine.</param>
/// <param name="AllocatedBytesPerEvent">Bytes the whole process allocated per event sent.</param>
public sealed record LiveFigures(
    LiveVariant Variant, double TargetRate, double AchievedRate, double Seconds, int Conversations,
    LatencySummary Freshness, LatencySummary Query, long PendingAtEnd, double GcPauseShare,
    double CpuMicrosPerEvent, double AllocatedBytesPerEvent);
