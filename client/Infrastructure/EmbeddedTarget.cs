using Analytics.Ingest;
using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Client.Infrastructure;

/// <summary>Replays into an in-process silo, holding back when the grains fall too far behind.</summary>
public sealed class EmbeddedTarget(EmbeddedSilo silo) : IReplayTarget
{
    // Events published but not yet applied at most: bounds the memory the stream queues hold.
    private const long MaxInFlight = 400_000;

    private long publishedBefore;

    /// <summary>Grain access to the silo.</summary>
    public IGrainFactory Grains => silo.Grains;

    public async Task<IngestReceipt> ReplayAsync(IAsyncEnumerable<ParsedLine> lines, ReplayCounters counters, CancellationToken cancellationToken)
    {
        var reported = 0L;
        var session = new IngestSession(silo.Publisher, silo.Grains)
        {
            Published = async total =>
            {
                counters.AddSent(total - reported);
                reported = total;
                await HoldBackAsync(publishedBefore + total, cancellationToken);
            },
        };
        await session.AddAllAsync(lines);
        var receipt = await session.CompleteAsync();
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
