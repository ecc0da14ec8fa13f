using System.Text.Json.Nodes;
using Analytics.Import;
using Analytics.Ingest;
using Analytics.Models;
using Analytics.Tests.Cluster;
using Analytics.Tests.Reference;

namespace Analytics.Tests.Import;

/// <summary>
/// The bulk import and the grain path are two drivers of one domain: they must give byte-identical
/// reports on any input, and an imported conversation must go on through its grain as if every
/// event had gone through it.
/// </summary>
[Collection(ImportCollection.Name)]
public class HistoryImportTests(ImportFixture fixture)
{
    public static TheoryData<int, int, int, double, int> Cases => new()
    {
        // seed, chunk bytes (a few KB cut most conversations across chunks), workers, hold window
        // in hours (0: nothing held back) and bound of held events (small: conversations leave early)
        { 1, 2_000, 2, 0, 0 },
        { 2, 5_000, 1, 2, 1_000_000 },
        { 3, 64 << 10, 3, 0, 0 },
        { 4, 1 << 20, 2, 2, 1_000_000 },
        { 5, 3_000, 2, 48, 40 },
        { 6, 1_500, 3, 1_000, 1_000_000 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Import_ShuffledWithDuplicatesAndConflicts_ReportByteIdenticalToGrainPath(int seed, int chunkBytes, int workers, double holdHours, int maxHeldEvents)
    {
        var scope = Scoped.New();
        var generated = EventGenerator.Generate(seed, new GeneratorOptions(Brands: 3, Conversations: 150));
        var lines = scope.Lines(WithConflictingCopies(EventGenerator.Perturb(generated, seed), seed)).ToList();
        var brands = BrandsOf(lines);

        var viaGrains = await ImportFixture.ViaGrainsAsync(fixture.GrainSilo, lines);
        var imported = await ImportFixture.ImportAsync(fixture.ImportSilo, lines, chunkBytes, workers, holdHours, maxHeldEvents);

        Assert.Equal(lines.Count, imported.Accepted);
        Assert.Equal(viaGrains.Accepted, imported.Accepted);
        var expected = await ImportFixture.ReportAsync(fixture.GrainSilo, brands);
        Assert.Equal(expected, await ImportFixture.ReportAsync(fixture.ImportSilo, brands));
        Assert.Contains("\"opened\"", expected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_GeneratedHistory_EqualsIndependentReference()
    {
        var scope = Scoped.New();
        var lines = EventGenerator.Generate(21, new GeneratorOptions(Brands: 2, Conversations: 120));
        await ImportFixture.ImportAsync(fixture.ImportSilo, scope.Lines(EventGenerator.Perturb(lines, 21)), chunkBytes: 3_000, workers: 2);

        var expected = ReferenceReport.Compute(lines, new ReferenceParams());
        var actual = JsonNode.Parse(await ImportFixture.ReportAsync(fixture.ImportSilo, expected["brands"]!.AsObject().Select(b => scope.Brand(b.Key))))!;
        Assert.Empty(ReportComparer.Differences(expected, scope.Unscope(actual)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Import_EdgeConversations_SameReportAndViewsAsGrainPath(int seed)
    {
        // Conversations new to the import are computed from their rows unless their ids are not
        // ASCII or they have over 32 events: both ways, with ties in time (ordered by id), ids
        // sharing prefixes, and three copies of one id with different payloads in any order.
        var scope = Scoped.New();
        var rng = new Random(seed);
        var lines = new List<string>();
        string Line(string id, string conversation, string direction, int second, string text = "") =>
            $$"""{"id":"{{id}}","brand":"Edge","conversationId":"{{conversation}}","direction":"{{direction}}","timestamp":"2026-03-01T10:{{second / 60:00}}:{{second % 60:00}}Z","text":"{{text}}"}""";
        for (var c = 0; c < 30; c++)
        {
            var conversation = c % 3 == 0 ? $"ид-{c}" : $"c{c}";
            var events = c % 5 == 0 ? 40 : rng.Next(1, 6);
            for (var e = 0; e < events; e++)
            {
                var id = c % 4 == 0 ? $"ид{c}-{e}" : $"m{c}-{e}";
                lines.Add(Line(id, conversation, e % 2 == 0 ? "inbound" : "outbound", rng.Next(0, 5) * 60));
            }
            // Three payloads of one id (the smaller digest wins), and a plain repeat.
            lines.Add(Line($"m{c}-0", conversation, "inbound", rng.Next(0, 600), "copy a"));
            lines.Add(Line($"m{c}-0", conversation, "inbound", rng.Next(0, 600), "copy b"));
            lines.Add(lines[^1]);
        }
        var shuffled = scope.Lines(lines.OrderBy(_ => rng.Next())).ToList();

        var viaGrains = await ImportFixture.ViaGrainsAsync(fixture.GrainSilo, shuffled);
        var imported = await ImportFixture.ImportAsync(fixture.ImportSilo, shuffled, chunkBytes: 1 << 20, workers: 2);

        Assert.Equal((viaGrains.Accepted, viaGrains.Duplicates), (imported.Accepted, imported.Duplicates));
        var brand = scope.Brand("Edge");
        Assert.Equal(await ImportFixture.ReportAsync(fixture.GrainSilo, [brand]), await ImportFixture.ReportAsync(fixture.ImportSilo, [brand]));
        foreach (var conversation in new[] { "ид-0", "c1", "c5", "ид-12", "c10" })
        {
            var key = GrainKeys.Conversation(brand, conversation);
            var expected = await fixture.GrainSilo.Grains.GetGrain<IConversationGrain>(key).GetViewAsync();
            var actual = await fixture.ImportSilo.Grains.GetGrain<IConversationGrain>(key).GetViewAsync();
            Assert.Equal(expected.Events, actual.Events);
            Assert.NotEmpty(actual.Events);
        }
    }

    [Fact]
    public async Task Import_OfBuiltEvents_EqualsIndependentReference()
    {
        // Events already built (a twcs.csv import, the embedded event log) take EventChunks.
        var scope = Scoped.New();
        var lines = EventGenerator.Generate(22, new GeneratorOptions(Brands: 3, Conversations: 2_000, Days: 10));
        using var body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(string.Join('\n', scope.Lines(lines))));
        var events = NdjsonReader.ReadAsync(body).ToBlockingEnumerable().Select(l => l.Event!).ToList();
        var import = new HistoryImport(fixture.ImportSilo.Grains, fixture.ImportSilo.ConversationStorage);
        await import.RunAsync(EventChunks.Of(events, shares: 2).ToAsyncEnumerable());

        var expected = ReferenceReport.Compute(lines, new ReferenceParams());
        var actual = JsonNode.Parse(await ImportFixture.ReportAsync(fixture.ImportSilo, expected["brands"]!.AsObject().Select(b => scope.Brand(b.Key))))!;
        Assert.Empty(ReportComparer.Differences(expected, scope.Unscope(actual)).Take(10));
    }

    [Fact]
    public async Task LiveEvents_AfterImport_ChangeFiguresAsIfAllWentThroughGrains()
    {
        var scope = Scoped.New();
        var all = scope.Lines(EventGenerator.Generate(31, new GeneratorOptions(Brands: 2, Conversations: 100))).ToList();
        // The live part: every conversation's last message arrives after the import (brands' first
        // replies among them), plus a repeat of an imported event, which must change nothing.
        var last = all.Select((line, at) => (Node: JsonNode.Parse(line)!, At: at))
            .Where(x => x.Node["conversationId"] is not null)
            .GroupBy(x => (Brand: (string)x.Node["brand"]!, Conversation: (string)x.Node["conversationId"]!))
            .Select(g => g.MaxBy(x => (string)x.Node["timestamp"]!)!.At)
            .ToHashSet();
        var history = all.Where((_, at) => !last.Contains(at)).ToList();
        var live = all.Where((_, at) => last.Contains(at)).Append(history[0]).ToList();
        var brands = BrandsOf(all);

        await ImportFixture.ViaGrainsAsync(fixture.GrainSilo, all);
        await ImportFixture.ImportAsync(fixture.ImportSilo, history, chunkBytes: 4_000, workers: 2);
        var afterImport = await ImportFixture.ReportAsync(fixture.ImportSilo, brands);
        await ImportFixture.ViaGrainsAsync(fixture.ImportSilo, live);

        var expected = await ImportFixture.ReportAsync(fixture.GrainSilo, brands);
        Assert.NotEqual(expected, afterImport);
        Assert.Equal(expected, await ImportFixture.ReportAsync(fixture.ImportSilo, brands));
    }

    [Fact]
    public async Task ConversationView_AfterImport_ShowsImportedEventsAndSummary()
    {
        var scope = Scoped.New();
        string[] lines =
        [
            """{"id":"m1","brand":"B","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z"}""",
            """{"id":"m2","brand":"B","conversationId":"c1","direction":"outbound","timestamp":"2026-01-01T00:20:00Z"}""",
            """{"id":"m3","brand":"B","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:30:00Z"}""",
        ];
        await ImportFixture.ImportAsync(fixture.ImportSilo, scope.Lines(lines), chunkBytes: 1 << 20, workers: 2);

        var view = await fixture.ImportSilo.Grains.GetGrain<IConversationGrain>(GrainKeys.Conversation(scope.Brand("B"), "c1")).GetViewAsync();
        Assert.Equal(["m1", "m2", "m3"], view.Events.Select(e => e.Id));
        Assert.Equal(20 * 60 * Time.MicrosPerSecond, view.Summary!.Frt);
        Assert.Equal(Time.FromDateTimeOffset(new DateTimeOffset(2026, 1, 1, 0, 30, 0, TimeSpan.Zero)), view.Summary.WaitingSince);
    }

    [Fact]
    public async Task Import_Progress_NeverFallsAndEndsAtTheAcceptedCount()
    {
        var scope = Scoped.New();
        var lines = EventGenerator.Generate(5, new GeneratorOptions(Brands: 3, Conversations: 600));
        var progress = new List<long>();
        var receipt = await ImportFixture.ImportAsync(fixture.ImportSilo, scope.Lines(lines), chunkBytes: 20_000, workers: 2, holdHours: 1, applied: progress.Add);

        Assert.True(progress.Count > 5, $"{progress.Count} progress reports");
        Assert.All(progress, p => Assert.InRange(p, 0, receipt.Accepted));
        Assert.Equal(progress.Order(), progress);
        Assert.Equal(receipt.Accepted, progress[^1]);
    }

    [Fact]
    public async Task Import_RejectsAndRepeats_CountedWithFileLineNumbers()
    {
        var scope = Scoped.New();
        string[] lines =
        [
            """{"id":"m1","brand":"B","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z"}""",
            """{"id":"m2","brand":"B","conversationId":"c1","direction":"outbound"}""",
            """{"id":"m1","brand":"B","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z"}""",
            """{"id":"m1","brand":"B","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:05:00Z","text":"other copy"}""",
        ];
        var receipt = await ImportFixture.ImportAsync(fixture.ImportSilo, scope.Lines(lines).Append("not json"), chunkBytes: 2_000, workers: 2);

        Assert.Equal(3, receipt.Accepted);
        Assert.Equal(2, receipt.Duplicates);
        Assert.Equal([2L, 5L], receipt.Rejects.Select(r => r.Line));
        Assert.StartsWith("timestamp", receipt.Rejects[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_TwcsWithMoreBadRowsThanTheImporterLists_CountsThemAll()
    {
        // TwcsImporter lists the first 1,000 rejected rows and counts all of them by reason.
        var scope = Scoped.New();
        var brand = scope.Brand("CsvCo");
        var rows = new List<string> { "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id" };
        rows.Add($"1,c1,True,Fri Mar 01 09:00:00 +0000 2024,@{brand} help,2,");
        rows.Add($"2,{brand},False,Fri Mar 01 09:30:00 +0000 2024,@c1 on it,,1");
        for (var i = 0; i < 1_050; i++) rows.Add($"{100 + i},c2,True,yesterday,@{brand} again,,");
        var path = Path.Combine(Path.GetTempPath(), $"twcs-{Guid.NewGuid():N}.csv");
        await File.WriteAllLinesAsync(path, rows);
        try
        {
            var receipt = await fixture.ImportSilo.Ingest.ImportAsync(new IngestInput(() => File.OpenRead(path), InputFormat.TwcsCsv));

            Assert.Equal(2, receipt.Accepted);
            Assert.Equal(1_050, receipt.Rejected);
            Assert.Equal(1_050, receipt.RejectedByReason.Values.Sum());
            Assert.Equal(RejectTally.Listed, receipt.Rejects.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Adds, for about one message in eight, a copy with the same id and another payload (a later time and a text).</summary>
    private static List<string> WithConflictingCopies(List<string> lines, int seed)
    {
        var rng = new Random(seed);
        var result = new List<string>(lines);
        foreach (var line in lines)
        {
            if (rng.Next(8) != 0 || JsonNode.Parse(line) is not JsonObject o || o["conversationId"] is null) continue;
            var time = DateTimeOffset.Parse((string)o["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
            o["timestamp"] = time.AddMinutes(rng.Next(-90, 90)).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture);
            o["text"] = "conflicting copy " + rng.Next();
            result.Insert(rng.Next(result.Count + 1), o.ToJsonString());
        }
        return result;
    }

    private static List<string> BrandsOf(IEnumerable<string> lines) =>
        lines.Select(l => (string)JsonNode.Parse(l)!["brand"]!).Distinct(StringComparer.Ordinal).ToList();
}
