using System.Buffers;
using System.Text.Json;
using Analytics.Ingest;
using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Client.Infrastructure;

/// <summary>
/// Replays into a running silo. A file is sent as it is: NDJSON in requests of a few MB of whole
/// lines (each naming its first file line, so rejects keep file line numbers), a twcs.csv whole as
/// text/csv (only the silo can resolve reply trees across the whole file). The silo parses the
/// bytes, so a replay gives the same events, conflicting copies included, as any other path.
/// Generated traffic (parsed lines) is written as NDJSON.
/// </summary>
public sealed class HttpTarget(SiloApi api, int requestBytes = HttpTarget.DefaultRequestBytes) : IReplayTarget
{
    /// <summary>NDJSON bytes per request by default.</summary>
    public const int DefaultRequestBytes = 4 << 20;

    public async Task<IngestReceipt> ReplayFileAsync(ReplayInput input, ReplayCounters counters, CancellationToken cancellationToken)
    {
        if (input.Format == InputFormat.TwcsCsv)
        {
            var whole = await api.PostCsvAsync(() => InputFiles.Open(input), cancellationToken);
            counters.AddSent(whole.Accepted);
            return whole;
        }
        await using var file = InputFiles.Open(input);
        var receipts = new List<IngestReceipt>();
        await foreach (var (body, firstLine) in NdjsonFrames.ReadAsync(file, requestBytes, cancellationToken))
        {
            try
            {
                var receipt = await api.PostEventsAsync(body, firstLine, cancellationToken);
                counters.AddSent(receipt.Accepted);
                receipts.Add(receipt);
            }
            catch (SilosUnavailableException e)
            {
                // Say what to send again: everything before this request is in.
                throw new SilosUnavailableException(
                    $"{e.Message}. {Path.GetFileName(input.Path)}: lines before {firstLine:N0} were accepted ({receipts.Sum(r => r.Accepted):N0} events); send the file again from line {firstLine:N0} (or whole: repeats are harmless)",
                    e.InnerException);
            }
        }
        return Combine(receipts);
    }

    /// <summary>One receipt for several requests: counts added, the first rejects listed.</summary>
    public static IngestReceipt Combine(IReadOnlyList<IngestReceipt> receipts)
    {
        var rejects = new RejectTally();
        foreach (var r in receipts) rejects.Add(r.Rejects, r.RejectedByReason);
        return rejects.Receipt(receipts.Sum(r => r.Accepted), receipts.Sum(r => r.Duplicates));
    }

    public async Task<IngestReceipt> ReplayAsync(IAsyncEnumerable<ParsedLine> lines, ReplayCounters counters, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(requestBytes + (64 << 10));
        await using var writer = new Utf8JsonWriter(buffer);
        var local = new RejectTally();
        long accepted = 0, duplicates = 0, pendingEvents = 0;

        async Task SendAsync()
        {
            if (buffer.WrittenCount == 0) return;
            var receipt = await api.PostEventsAsync(buffer.WrittenMemory, 1, cancellationToken);
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
            if (buffer.WrittenCount >= requestBytes) await SendAsync();
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
