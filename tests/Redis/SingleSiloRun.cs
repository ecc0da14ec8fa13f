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
    public static Task<JsonNode> ReportAsync(IReadOnlyList<string> lines) => ReportAsync(lines, null, null);

    /// <summary>The same, with one brand's settings changed (the API's JSON: horizonSeconds, slaSeconds, pUnfollow).</summary>
    public static async Task<JsonNode> ReportAsync(IReadOnlyList<string> lines, string? brand, JsonObject? settings)
    {
        await using var silo = await EmbeddedSilo.StartAsync();
        using var body = new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines)));
        await silo.Ingest.AcceptAsync(body, InputFormat.Ndjson);
        if (brand is not null && settings is not null)
        {
            await silo.Grains.GetGrain<IBrandGrain>(brand).SetSettingsAsync(new BrandSettings(
                settings["horizonSeconds"]!.GetValue<long>() * Time.MicrosPerSecond,
                settings["slaSeconds"]!.GetValue<long>() * Time.MicrosPerSecond,
                settings["pUnfollow"]!.GetValue<double>()));
        }
        // Short waits in a loop: one grain call may not outlast Orleans' 30 s response timeout.
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (!await silo.Grains.GetGrain<IIngestLedgerGrain>(0).WaitCaughtUpAsync(TimeSpan.FromSeconds(20)))
        {
            Assert.True(DateTime.UtcNow < deadline, "the single-silo run did not catch up within 3 minutes");
        }
        var report = await ReportService.BuildAsync(silo.Grains, MetricsQuery.All);
        return JsonSerializer.SerializeToNode(report, ReportJson.Options)!;
    }
}
