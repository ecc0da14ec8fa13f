using System.Text;
using System.Text.Json.Nodes;
using Analytics.Ingest;
using Analytics.Tests.Redis;
using Analytics.Tests.Reference;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Api;

/// <summary>A silo where one request may have at most 2,000 events published and not yet applied.</summary>
public sealed class BacklogApiFactory() : ConfiguredApiFactory(("Analytics:MaxIngestBacklog", "2000"));

/// <summary>A large body is taken as fast as the grains apply it (the 327 MB POST held its whole backlog in memory): the request waits past the bound, and the figures stay exact.</summary>
public class IngestBacklogTests(BacklogApiFactory factory) : IClassFixture<BacklogApiFactory>
{
    [Fact]
    public async Task LargeRequest_WaitsForTheGrainsPastTheBound_FiguresExact()
    {
        var lines = EventGenerator.Generate(88, new GeneratorOptions(Brands: 3, Conversations: 4_000, Days: 5));
        using var http = factory.CreateClient();
        var ingest = factory.Services.GetRequiredService<IngestService>();
        var waitsBefore = ingest.BacklogWaits;

        using (var body = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson"))
        using (var response = await http.PostAsync(new Uri("/api/events", UriKind.Relative), body)) response.EnsureSuccessStatusCode();

        Assert.True(ingest.BacklogWaits > waitsBefore, $"{lines.Count:N0} events in stream batches never waited for a backlog of 2,000");
        Assert.True(await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IIngestLedgerGrain>(0).WaitCaughtUpAsync(TimeSpan.FromSeconds(60)));
        var expected = await SingleSiloRun.ReportAsync(lines);
        var actual = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/report", UriKind.Relative)))!;
        Assert.Empty(ReportComparer.Differences(expected, actual).Take(10));
    }
}
