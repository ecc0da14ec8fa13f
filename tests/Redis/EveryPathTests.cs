using System.Text.Json.Nodes;
using Analytics.Client;
using Analytics.Tests.Api;
using Analytics.Tests.Reference;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Redis;

/// <summary>
/// One file, every ingest path, one report: `replay --embedded` (the history import and the grain
/// path), `replay --silo` into a silo over HTTP and into a two-silo cluster in Redis mode. The
/// reports must be equal byte for byte, conflicting copies of an id included (METRICS-SPEC section 1).
/// </summary>
[Collection(RedisProcessesCollection.Name)]
public class EveryPathTests
{
    // The three lines of the issue that found --silo and --embedded disagreeing: which copy of m1
    // counts depends on its whole canonical JSON, text included.
    private static readonly string[] Conflict =
    [
        """{"id":"m1","kind":"message","brand":"B","channel":"twitter","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z","text":"first copy"}""",
        """{"id":"m1","kind":"message","brand":"B","channel":"twitter","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:10:00Z","text":"second copy, later"}""",
        """{"id":"m2","kind":"message","brand":"B","channel":"twitter","conversationId":"c1","direction":"outbound","timestamp":"2026-01-01T00:20:00Z"}""",
    ];

    [Fact]
    public async Task Replay_NdjsonWithConflictingCopies_SameReportByEveryPath()
    {
        var generated = EventGenerator.Perturb(EventGenerator.Generate(7, new GeneratorOptions(Brands: 3, Conversations: 300)), 7);
        var file = await TempFileAsync(".ndjson", [.. Conflict, .. generated, "not an event", .. ConflictingCopies(generated)]);
        try
        {
            var reports = await ReportsByEveryPathAsync(file);
            var embedded = reports["embedded"];
            foreach (var (path, report) in reports) Assert.True(embedded == report, $"{path} differs from --embedded");
            // The kept copy of m1 is the one at 00:00 (the smaller digest): the reply came 20 minutes later.
            Assert.Equal(1200, JsonNode.Parse(embedded)!["brands"]!["B"]!["frtP50"]!.GetValue<double>());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Replay_TwcsCsv_SameReportOverHttpAsEmbedded()
    {
        var file = await TempFileAsync(".csv",
        [
            "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id",
            "1,c1,True,Fri Mar 01 09:00:00 +0000 2024,\"@AcmeHelp my order\nnever arrived\",2,",
            "2,AcmeHelp,False,Fri Mar 01 09:10:00 +0000 2024,@c1 sorry!,3,1",
            "3,c1,True,Fri Mar 01 09:12:00 +0000 2024,@AcmeHelp thanks,,2",
            "4,c2,True,Fri Mar 01 10:00:00 +0000 2024,@acmehelp hello?,,",
            "5,GlobexCare,False,not a date,hi,,",
            "6,c3,True,Sat Mar 02 08:00:00 +0000 2024,@GlobexCare hi,7,",
            "7,GlobexCare,False,Sat Mar 02 09:30:00 +0000 2024,@c3 hello,,6",
        ]);
        try
        {
            var reports = await ReportsByEveryPathAsync(file, cluster: false);
            var embedded = reports["embedded"];
            foreach (var (path, report) in reports) Assert.True(embedded == report, $"{path} differs from --embedded");
            Assert.Equal(2, JsonNode.Parse(embedded)!["brands"]!["AcmeHelp"]!["opened"]!.GetValue<long>());
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<Dictionary<string, string>> ReportsByEveryPathAsync(string file, bool cluster = true)
    {
        var reports = new Dictionary<string, string>
        {
            ["embedded"] = await ReplayAsync(file, "--embedded"),
            ["embedded --via grains"] = await ReplayAsync(file, "--embedded", "--via", "grains"),
        };
        using (var silo = new ApiFactory())
        {
            silo.UseKestrel(0);
            silo.StartServer();
            var address = silo.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            reports["one silo over HTTP"] = await ReplayAsync(file, "--silo", address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }
        if (cluster)
        {
            await using var silos = await RedisCluster.StartAsync(silos: 2);
            reports["two-silo cluster"] = await ReplayAsync(file, "--silo", silos.Silos[1].Url.ToString());
        }
        return reports;
    }

    private static async Task<string> ReplayAsync(string file, params string[] target)
    {
        var report = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.json");
        try
        {
            Assert.Equal(0, await AnalyticsCli.Main(["replay", file, .. target, "--report", report]));
            return await File.ReadAllTextAsync(report);
        }
        finally
        {
            File.Delete(report);
        }
    }

    /// <summary>For every fifth message, a copy with the same id, another time and a text.</summary>
    private static IEnumerable<string> ConflictingCopies(List<string> lines) => lines
        .Where((line, i) => i % 5 == 0 && line.Contains("conversationId", StringComparison.Ordinal))
        .Select(line =>
        {
            var o = JsonNode.Parse(line)!.AsObject();
            var time = DateTimeOffset.Parse((string)o["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
            o["timestamp"] = time.AddMinutes(7).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            o["text"] = "a conflicting copy";
            return o.ToJsonString();
        });

    private static async Task<string> TempFileAsync(string extension, IEnumerable<string> lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"every-path-{Guid.NewGuid():N}{extension}");
        await File.WriteAllLinesAsync(path, lines);
        return path;
    }
}
