using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Ingest;
using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Tests.Cluster;

/// <summary>Drives the engine the way ingest does: NDJSON lines through the parser and an ingest session, then a report.</summary>
public sealed class EngineDriver(IGrainFactory grains, EventPublisher publisher)
{
    public IGrainFactory Grains => grains;

    /// <summary>Ingests lines as one request, through the real parser, and returns the receipt.</summary>
    public async Task<IngestReceipt> IngestAsync(IEnumerable<string> lines, int batchSize = 64)
    {
        var session = new IngestSession(publisher, grains, batchSize: batchSize);
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        await session.AddAllAsync(NdjsonReader.ReadAsync(body, CancellationToken.None));
        return await session.CompleteAsync();
    }

    /// <summary>Waits (an event barrier, not a sleep) until every accepted event is reflected in the brands.</summary>
    public async Task CaughtUpAsync()
    {
        var ledger = grains.GetGrain<IIngestLedgerGrain>(0);
        Assert.True(await ledger.WaitCaughtUpAsync(TimeSpan.FromSeconds(60)), "ingest did not catch up within 60 s");
    }

    /// <summary>The report of the given brands only, as JSON, in the spec's shape.</summary>
    public async Task<JsonNode> ReportAsync(IEnumerable<string> brands, MetricsQuery? query = null)
    {
        var metrics = await Task.WhenAll(brands.Select(b => grains.GetGrain<IBrandGrain>(b).GetMetricsAsync(query ?? MetricsQuery.All)));
        return JsonSerializer.SerializeToNode(Views.Report(metrics.Where(m => m.AsOf is not null).ToList()), ReportJson.Options)!;
    }
}
