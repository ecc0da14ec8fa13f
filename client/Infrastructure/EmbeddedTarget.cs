using Analytics.Ingest;
using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Client.Infrastructure;

/// <summary>
/// Replays into an in-process silo. A file goes through the history import
/// (<see cref="IngestService.ImportAsync"/>: conversations computed in bulk and stored as their
/// grains' state), or with <paramref name="viaGrains"/> through the ingest stream and a grain call per
/// conversation, regrouped in chunks of <paramref name="groupEvents"/> (<see cref="ReplayGrouping"/>).
/// Line streams (generated traffic) always take the grain path, holding back when the grains fall
/// too far behind.
/// </summary>
public sealed class EmbeddedTarget(EmbeddedSilo silo, bool viaGrains = false, int groupEvents = ReplayGrouping.DefaultChunkEvents) : IReplayTarget
{
    // Events published but not yet applied at most: bounds the memory the stream queues hold.
    private const long MaxInFlight = 400_000;

    private long publishedBefore;

    /// <summary>Grain access to the silo.</summary>
    public IGrainFactory Grains => silo.Grains;

    public async Task<IngestReceipt> ReplayFileAsync(ReplayInput input, ReplayCounters counters, CancellationToken cancellationToken)
    {
        if (viaGrains) return await ReplayAsync(ReplayGrouping.GroupAsync(InputFiles.ReadAsync(input, cancellationToken), groupEvents, cancellationToken), counters, cancellationToken);
        var imported = 0L;
        var file = InputFiles.ForImport(input);
        var receipt = await silo.Ingest.ImportAsync(
            file,
            total =>
            {
                counters.AddSent(total - imported);
                imported = total;
            },
            cancellationToken);
        input.Twcs.Value = file.Twcs;
        return receipt;
    }

    public async Task<IngestReceipt> ReplayAsync(IAsyncEnumerable<ParsedLine> lines, ReplayCounters counters, CancellationToken cancellationToken)
    {
        var reported = 0L;
        var receipt = await silo.Ingest.AcceptAsync(lines, async total =>
        {
            counters.AddSent(total - reported);
            reported = total;
            await HoldBackAsync(publishedBefore + total, cancellationToken);
        });
        counters.AddSent(receipt.Accepted - reported);
        publishedBefore += receipt.Accepted;
        return receipt;
    }

    public Task<IngestStatus> StatusAsync(CancellationToken cancellationToken) => silo.Grains.GetGrain<IIngestLedgerGrain>(0).GetStatusAsync();

    public Task<bool> WaitCaughtUpAsync(TimeSpan max, CancellationToken cancellationToken) =>
        silo.Grains.GetGrain<IIngestLedgerGrain>(0).WaitCaughtUpAsync(max);

    public Task<ReportView> ReportAsync(MetricsQuery query, CancellationToken cancellationToken) => ReportService.BuildAsync(silo.Grains, query);

    public ValueTask DisposeAsync() => silo.DisposeAsync();

    private async Task HoldBackAsync(long published, CancellationToken cancellationToken)
    {
        while (published - (await StatusAsync(cancellationToken)).Applied > MaxInFlight)
        {
            await Task.Delay(10, cancellationToken);
        }
    }
}
