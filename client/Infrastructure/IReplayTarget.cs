using Analytics.Ingest;
using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Client.Infrastructure;

/// <summary>Where a replay sends its events: an in-process silo or a running one over HTTP.</summary>
public interface IReplayTarget : IAsyncDisposable
{
    /// <summary>Sends one file; <paramref name="counters"/> is updated as events go out.</summary>
    Task<IngestReceipt> ReplayFileAsync(ReplayInput input, ReplayCounters counters, CancellationToken cancellationToken);

    /// <summary>Sends parsed lines (generated traffic); <paramref name="counters"/> is updated as events go out.</summary>
    Task<IngestReceipt> ReplayAsync(IAsyncEnumerable<ParsedLine> lines, ReplayCounters counters, CancellationToken cancellationToken);

    /// <summary>The cluster's ingest counters.</summary>
    Task<IngestStatus> StatusAsync(CancellationToken cancellationToken);

    /// <summary>True once every accepted event is reflected in the brands; waits at most <paramref name="max"/>.</summary>
    Task<bool> WaitCaughtUpAsync(TimeSpan max, CancellationToken cancellationToken);

    /// <summary>The report for a window.</summary>
    Task<ReportView> ReportAsync(MetricsQuery query, CancellationToken cancellationToken);
}
