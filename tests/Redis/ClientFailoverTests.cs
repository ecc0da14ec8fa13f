using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Analytics.Client;
using Analytics.Tests.Reference;
using Xunit.Abstractions;

namespace Analytics.Tests.Redis;

/// <summary>
/// The client rides out what an operator's cluster goes through: `replay --silo A,B` while the
/// silo it talks to is killed with -9 and Redis is restarted. It retries and fails over, finishes
/// with exit code 0, and its report equals a clean single-silo run of the same file.
/// </summary>
[Collection(RedisProcessesCollection.Name)]
public class ClientFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Replay_ItsSiloKilledAndRedisRestarted_ExitsZeroWithTheCleanReport()
    {
        var lines = EventGenerator.Perturb(EventGenerator.Generate(404, new GeneratorOptions(Brands: 6, Conversations: 12_000, Days: 20)), 404);
        var folder = Directory.CreateTempSubdirectory("analytics-failover-").FullName;
        var file = Path.Combine(folder, "events.ndjson");
        var reportFile = Path.Combine(folder, "report.json");
        await File.WriteAllLinesAsync(file, lines);
        var clean = SingleSiloRun.ReportAsync(lines);
        await using var cluster = await RedisCluster.StartAsync(silos: 2);
        output.WriteLine($"{lines.Count:N0} lines; logs: {cluster.Logs}");

        var silos = string.Join(',', cluster.Silos.Select(s => s.Url.ToString()));
        var replay = Task.Run(() => AnalyticsCli.Main(["replay", file, "--silo", silos, "--retry-for", "3m", "--request-kb", "128", "--report", reportFile]));

        // Once part of the file is in: kill -9 the silo the client talks to, then restart Redis.
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!replay.IsCompleted && await AcceptedAsync(http, cluster.Silos[1]) < lines.Count / 4)
        {
            Assert.True(DateTime.UtcNow < deadline, "the replay did not get a quarter of the file in within 2 minutes");
            await Task.Delay(50);
        }
        Assert.False(replay.IsCompleted, "the replay finished before the faults: make the file larger");
        cluster.Silos[0].Kill();
        await cluster.KillAndRestartRedisAsync();
        await cluster.Silos[0].StartAsync();

        Assert.Equal(0, await replay);
        var differences = ReportComparer.Differences(await clean, JsonNode.Parse(await File.ReadAllTextAsync(reportFile))!);
        Assert.Empty(differences.Take(20));
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<long> AcceptedAsync(HttpClient http, SiloProcess silo)
    {
        try
        {
            var status = await http.GetFromJsonAsync<JsonObject>(new Uri(silo.Url, "api/ingest/status"));
            return status?["accepted"]?.GetValue<long>() ?? 0;
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }
}
