using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Analytics.Tests.Redis;
using Analytics.Tests.Reference;
using Xunit.Abstractions;

namespace Analytics.Tests.Durability;

/// <summary>
/// The README's embedded silo as a real process with a data directory: killed with -9 in the
/// middle of a streaming ingest and started again, it reports exactly the events its log holds,
/// every acknowledged one among them, with its settings and alert rules; what is sent afterwards
/// adds up to the report of the whole file, nothing counted twice.
/// </summary>
[Collection(RedisProcessesCollection.Name)]
public class EmbeddedRestartTests(ITestOutputHelper output)
{
    private const int LinesPerRequest = 400;

    [Fact]
    public async Task KilledMidIngest_Restarted_KeepsEveryAcknowledgedEventAndItsSettings()
    {
        var lines = EventGenerator.Generate(515, new GeneratorOptions(Brands: 4, Conversations: 6_000, Days: 10));
        var folder = Directory.CreateTempSubdirectory("analytics-durable-").FullName;
        var settings = new Dictionary<string, string> { ["Analytics__DataDir"] = Path.Combine(folder, "data") };
        await using var silo = new SiloProcess("durable", "", folder, settings);
        await silo.StartAsync();
        output.WriteLine($"{lines.Count:N0} lines; log: {folder}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // Requests one after another, so what the log holds is always a prefix of the lines.
        var acknowledged = 0;
        var sending = Task.Run(async () =>
        {
            try
            {
                for (var at = 0; at < lines.Count; at += LinesPerRequest)
                {
                    using var body = new StringContent(string.Join('\n', lines.Skip(at).Take(LinesPerRequest)), Encoding.UTF8, "application/x-ndjson");
                    using var response = await http.PostAsync(new Uri(silo.Url, "api/events"), body);
                    response.EnsureSuccessStatusCode();
                    acknowledged = Math.Min(lines.Count, at + LinesPerRequest);
                }
            }
            catch (HttpRequestException)
            {
                // The silo was killed under the request.
            }
            catch (TaskCanceledException)
            {
                // The same, seen as a timeout.
            }
        });
        var brand = lines.Select(l => JsonNode.Parse(l)!["brand"]!.GetValue<string>()).First();
        var changed = new JsonObject { ["slaSeconds"] = 600L, ["horizonSeconds"] = 7200L, ["pUnfollow"] = 0.4 };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (Volatile.Read(ref acknowledged) < lines.Count / 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "a third of the lines did not get in within 2 minutes");
            await Task.Delay(20);
        }
        using (var put = await http.PutAsJsonAsync(new Uri(silo.Url, $"api/brands/{Uri.EscapeDataString(brand)}/settings"), changed)) put.EnsureSuccessStatusCode();
        var settingsBefore = await http.GetStringAsync(new Uri(silo.Url, $"api/brands/{Uri.EscapeDataString(brand)}/settings"));
        var rules = new JsonObject { ["rules"] = new JsonArray(new JsonObject { ["kind"] = "slaBreachForecast", ["withinSeconds"] = 300 }) };
        using (var put = await http.PutAsJsonAsync(new Uri(silo.Url, $"api/brands/{Uri.EscapeDataString(brand)}/alerts"), rules)) put.EnsureSuccessStatusCode();
        var rulesBefore = await http.GetStringAsync(new Uri(silo.Url, $"api/brands/{Uri.EscapeDataString(brand)}/alerts"));
        Assert.False(sending.IsCompleted, "the ingest finished before the kill: make the file larger");
        silo.Kill();
        await sending;
        var acked = Volatile.Read(ref acknowledged);

        await silo.StartAsync();
        var recovered = (await http.GetFromJsonAsync<JsonObject>(new Uri(silo.Url, "api/ingest/status")))!["accepted"]!.GetValue<long>();
        output.WriteLine($"acknowledged {acked:N0}, recovered {recovered:N0}");
        Assert.InRange(recovered, acked, lines.Count - 1);
        Assert.Equal(settingsBefore, await http.GetStringAsync(new Uri(silo.Url, $"api/brands/{Uri.EscapeDataString(brand)}/settings")));
        Assert.Equal(rulesBefore, await http.GetStringAsync(new Uri(silo.Url, $"api/brands/{Uri.EscapeDataString(brand)}/alerts")));
        Assert.Contains("slaBreachForecast", rulesBefore, StringComparison.Ordinal);
        await AssertReportAsync(http, silo, lines.Take((int)recovered).ToList(), brand, changed);

        // The rest of the file after the recovered prefix: the whole file, each event once.
        using (var rest = new StringContent(string.Join('\n', lines.Skip((int)recovered)), Encoding.UTF8, "application/x-ndjson"))
        using (var response = await http.PostAsync(new Uri(silo.Url, "api/events"), rest)) response.EnsureSuccessStatusCode();
        await AssertReportAsync(http, silo, lines, brand, changed);

        // Killed again: the first restart folded the log into a snapshot; this one loads it and
        // imports the segment written since, and folds again.
        silo.Kill();
        await silo.StartAsync();
        var data = Path.Combine(folder, "data");
        Assert.Single(Directory.GetFiles(data, "snapshot-*.bin"));
        Assert.DoesNotContain(Directory.GetFiles(data, "events-*.log"), f => new FileInfo(f).Length > 0);
        Assert.Equal(lines.Count, (await http.GetFromJsonAsync<JsonObject>(new Uri(silo.Url, "api/ingest/status")))!["accepted"]!.GetValue<long>());
        await AssertReportAsync(http, silo, lines, brand, changed);
        Directory.Delete(folder, recursive: true);
    }

    // The silo's report against one of an embedded silo that took the same lines and settings.
    private static async Task AssertReportAsync(HttpClient http, SiloProcess silo, IReadOnlyList<string> lines, string brand, JsonObject settings)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (JsonNode.Parse(await http.GetStringAsync(new Uri(silo.Url, "api/ingest/caught-up?waitSeconds=10")))?["caughtUp"]?.GetValue<bool>() != true)
        {
            Assert.True(DateTime.UtcNow < deadline, "the silo did not catch up within 2 minutes");
        }
        var actual = JsonNode.Parse(await http.GetStringAsync(new Uri(silo.Url, "api/report")))!;
        var expected = await SingleSiloRun.ReportAsync(lines, brand, settings);
        var differences = ReportComparer.Differences(expected, actual).ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} differences, brand {brand}: {string.Join("; ", differences.Take(30))}");
    }
}
