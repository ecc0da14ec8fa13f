using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Client.Infrastructure;
using Analytics.Ingest;
using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Tests.Redis;

/// <summary>The clean run that cluster runs are compared with: one embedded silo, in memory, no faults.</summary>
public static class SingleSiloRun
{
    public static async Task<JsonNode> ReportAsync(IReadOnlyList<string> lines)
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        var session = new IngestSession(silo.Publisher, silo.Grains);
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        await session.AddAllAsync(NdjsonReader.ReadAsync(body, CancellationToken.None));
        await session.CompleteAsync();
        Assert.True(await silo.Grains.GetGrain<IIngestLedgerGrain>(0).WaitCaughtUpAsync(TimeSpan.FromMinutes(2)), "the single-silo run did not catch up");
        var report = await ReportService.BuildAsync(silo.Grains, MetricsQuery.All);
        return JsonSerializer.SerializeToNode(report, ReportJson.Options)!;
    }
}
