using System.Diagnostics.Metrics;
using Analytics.Models;
using Analytics.Silo.Live;

namespace Analytics.Silo.Observability;

/// <summary>
/// The engine's own metrics, meter "Analytics", exported with Orleans' and ASP.NET Core's at
/// /metrics (Prometheus text). Counters count what this silo ingested; gauges read the
/// <see cref="EngineMonitor"/> (cluster-wide figures) and the <see cref="LiveHub"/> (this silo's push).
/// </summary>
public sealed class Instrumentation
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "Analytics";

    private readonly Counter<long> accepted;
    private readonly Counter<long> rejected;

    public Instrumentation(IMeterFactory meters, EngineMonitor monitor, LiveHub hub)
    {
        var meter = meters.Create(MeterName);
        accepted = meter.CreateCounter<long>("analytics.events.accepted", "{event}", "Events accepted by ingest on this silo (HTTP and demo feed), duplicates included");
        rejected = meter.CreateCounter<long>("analytics.events.rejected", "{line}", "Input lines rejected on this silo, by reason");
        meter.CreateObservableGauge("analytics.ingest.lag", () => monitor.Lag, "{event}", "Accepted events not yet reflected in their brands, cluster-wide");
        meter.CreateObservableGauge("analytics.grains.active", () => monitor.Activations.Select(a => new Measurement<long>(a.Value, new KeyValuePair<string, object?>("type", a.Key))), "{grain}", "Active grains per class, cluster-wide");
        meter.CreateObservableGauge("analytics.push.connections", () => hub.Connections, "{connection}", "Open live dashboard connections on this silo");
        meter.CreateObservableGauge("analytics.push.brands", () => hub.Subscriptions, "{brand}", "Brands this silo's live hub is subscribed to");
    }

    /// <summary>Counts one ingest request's (or demo batch's) receipt.</summary>
    public void Record(IngestReceipt receipt)
    {
        accepted.Add(receipt.Accepted);
        foreach (var (reason, count) in receipt.RejectedByReason)
        {
            rejected.Add(count, new KeyValuePair<string, object?>("reason", reason));
        }
    }
}
