namespace Analytics.Silo.Observability;

/// <summary>
/// Reads the cluster's ingest counters and grain counts every few seconds for the metrics
/// gauges: a gauge is read synchronously by the exporter, and a grain call cannot be.
/// </summary>
public sealed class EngineMonitor(IGrainFactory grains, ILogger<EngineMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private long lag;
    private IReadOnlyDictionary<string, long> activations = new Dictionary<string, long>();

    /// <summary>Accepted events not yet reflected in their brands, cluster-wide, at the last reading.</summary>
    public long Lag => Interlocked.Read(ref lag);

    /// <summary>Active grains per grain class (short name), cluster-wide, at the last reading.</summary>
    public IReadOnlyDictionary<string, long> Activations => Volatile.Read(ref activations);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    await ReadAsync();
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // Orleans reports some failures as OperationCanceledException too ("message
                    // expired before placement"): only a stop of the silo ends the monitor.
                    // Early in start-up the grains are not reachable yet; the gauges keep their last values.
                    logger.LogDebug(e, "Engine monitor could not read the cluster's counters");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task ReadAsync()
    {
        var status = await grains.GetGrain<IIngestLedgerGrain>(0).GetStatusAsync();
        // Applied is recorded by the routers as they finish, accepted when a request completes: applied can run ahead briefly.
        Interlocked.Exchange(ref lag, Math.Max(0, status.Accepted - status.Applied));
        var stats = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        Volatile.Write(ref activations, stats
            .GroupBy(s => ShortName(s.GrainType), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (long)g.Sum(s => s.ActivationCount), StringComparer.Ordinal));
    }

    // Grain types read "Namespace.Class,Assembly": the class name alone is the useful label.
    private static string ShortName(string grainType)
    {
        var name = grainType.Split(',')[0];
        return name.LastIndexOf('.') is var dot and >= 0 ? name[(dot + 1)..] : name;
    }
}
