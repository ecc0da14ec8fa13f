using System.Buffers;
using System.Text.Json;
using Analytics.Ingest;
using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Client.Infrastructure;

/// <summary>
/// Replays into a running silo: lines are parsed here (so twcs.csv and NDJSON travel the same
/// way and rejects keep their file line numbers) and sent as NDJSON requests of a few MB.
/// </summary>
public sealed class HttpTarget(SiloApi api) : IReplayTarget
{
    private const int RequestBytes = 4 << 20;

    public async Task<IngestReceipt> ReplayAsync(IAsyncEnumerable<ParsedLine> lines, ReplayCounters counters, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(RequestBytes + (64 << 10));
        await using var writer = new Utf8JsonWriter(buffer);
        var local = new RejectTally();
        long accepted = 0, duplicates = 0, pendingEvents = 0;

        async Task SendAsync()
        {
            if (buffer.WrittenCount == 0) return;
            var receipt = await api.PostEventsAsync(buffer.WrittenMemory, cancellationToken);
            accepted += receipt.Accepted;
            duplicates += receipt.Duplicates;
            counters.AddSent(pendingEvents);
            pendingEvents = 0;
            buffer.ResetWrittenCount();
        }

        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            if (line.Reject is { } reject)
            {
                local.Reject(reject);
                continue;
            }
            EventJson.WriteLine(line.Event!, writer, buffer);
            pendingEvents++;
            if (buffer.WrittenCount >= RequestBytes) await SendAsync();
        }
        await SendAsync();
        return local.Receipt(accepted, duplicates);
    }

    public Task<IngestStatus> StatusAsync(CancellationToken cancellationToken) => api.StatusAsync(cancellationToken);

    // The silo decides, so that in cluster mode the durable queue (not restartable counters) is the judge.
    public Task<bool> WaitCaughtUpAsync(TimeSpan max, CancellationToken cancellationToken) => api.CaughtUpAsync(max, cancellationToken);

    public Task<ReportView> ReportAsync(MetricsQuery query, CancellationToken cancellationToken) => api.ReportAsync(query, cancellationToken);

    public ValueTask DisposeAsync()
    {
        api.Dispose();
        return ValueTask.CompletedTask;
    }
}
