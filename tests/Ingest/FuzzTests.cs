using System.Net;
using System.Text;
using Analytics.Ingest;
using Analytics.Tests.Api;
using Analytics.Tests.Reference;

namespace Analytics.Tests.Ingest;

/// <summary>
/// Seeded mutations of valid input (flipped, cut, repeated and foreign bytes; broken quotes and
/// braces; odd numbers and dates): the parsers never throw, every line gets exactly one outcome,
/// the untouched lines around the damaged ones are all kept; the API's query parameters never
/// answer 500. Seeds are fixed, so a failure replays.
/// </summary>
public class FuzzTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly string[] Junk =
    [
        "\"", "\\", "{", "}", "[", "]", ",", ":", "\0", "\u00ff", "\uD83D", "\\u0000", "\\uD800", "null", "true", "1e999", "-0",
        "9999-12-31T23:59:59Z", "0001-01-01T00:00:00+14:00", "2026-02-30T00:00:00Z", "\r", "\t", "💬", new string('x', 300),
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Ndjson_MutatedLines_EveryLineOneOutcomeAndTheGoodOnesKept(int seed)
    {
        var rng = new Random(seed);
        var good = EventGenerator.Generate(seed, new GeneratorOptions(Brands: 2, Conversations: 150));
        var lines = new List<string>();
        var damaged = new HashSet<int>();
        foreach (var line in good)
        {
            if (rng.Next(3) == 0)
            {
                damaged.Add(lines.Count + 1);
                lines.Add(Mutate(line, rng));
            }
            else
            {
                lines.Add(line);
            }
        }
        // Invalid UTF-8 as raw bytes, not through a string.
        var body = new MemoryStream();
        var blank = 0;
        foreach (var (line, i) in lines.Select((l, i) => (l, i)))
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            if (damaged.Contains(i + 1) && rng.Next(8) == 0 && bytes.Length > 0) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(0x80, 0x100);
            blank += bytes.AsSpan().IndexOfAnyExcept(" \t\r"u8) < 0 ? 1 : 0;
            body.Write(bytes);
            body.WriteByte((byte)'\n');
        }
        body.Position = 0;

        var outcomes = await NdjsonReader.ReadAsync(body, maxLineBytes: 4096).ToListAsync();

        Assert.All(outcomes, o => Assert.True((o.Event is null) != (o.Reject is null), $"line {o.Line}: one outcome"));
        Assert.All(outcomes.Where(o => o.Reject is not null), o => Assert.False(string.IsNullOrWhiteSpace(o.Reject!.Reason)));
        // Every untouched line is an event (generated lines are all valid), at its own line number.
        var kept = outcomes.Where(o => o.Event is not null).Select(o => o.Line).ToHashSet();
        Assert.All(Enumerable.Range(1, lines.Count).Where(n => !damaged.Contains(n)), n => Assert.Contains((long)n, kept));
        // One outcome per line but the blank ones, in order.
        Assert.Equal(lines.Count - blank, outcomes.Count);
        Assert.Equal(outcomes.Select(o => o.Line).Order(), outcomes.Select(o => o.Line));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void TwcsCsv_MutatedRows_NeverThrowsAndCountsEveryRow(int seed)
    {
        var rng = new Random(seed);
        var rows = new List<string> { "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id" };
        for (var i = 1; i < 400; i += 2)
        {
            rows.Add($"{i},cust{i},True,Tue Oct 31 22:{i % 60:00}:00 +0000 2017,\"@Acme help, \"\"please\"\"\",{i + 1},");
            rows.Add($"{i + 1},Acme,False,Tue Oct 31 23:{i % 60:00}:00 +0000 2017,@cust{i} on it,,{i}");
        }
        var mutated = rows.Select((r, i) => i > 0 && rng.Next(4) == 0 ? Mutate(r, rng) : r).ToList();
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, string.Join('\n', mutated));
            var importer = TwcsImporter.Open(path);
            var events = importer.ReadEvents().ToList();
            Assert.All(importer.Result.Rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
            Assert.True(events.Count + importer.Result.Rejected.Count > 0);
            Assert.All(events, e => Assert.False(string.IsNullOrEmpty(e.Id)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public async Task Api_MutatedQueryParameters_NeverAnswer500(int seed)
    {
        var rng = new Random(seed);
        using var http = factory.CreateClient();
        using (var content = new StringContent("""{"id":"f1","brand":"Fuzz","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z"}"""))
        {
            (await http.PostAsync(new Uri("/api/events", UriKind.Relative), content)).EnsureSuccessStatusCode();
        }
        string[] templates =
        [
            "/api/brands/Fuzz/metrics?from={0}&to={1}&channel={2}",
            "/api/brands/Fuzz/series?from={0}&to={1}&step={2}",
            "/api/report?from={0}&to={1}",
            "/api/brands/Fuzz/conversations?status={0}&limit={1}",
            "/api/brands/{0}/settings",
            "/api/brands/Fuzz/conversations/{0}",
            "/api/ingest/caught-up?waitSeconds={0}",
        ];
        string[] values = ["", "0", "-1", "1e308", "NaN", "Infinity", "2026-01-01T00:00:00Z", "2026-01-01T00:30:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:00Z", "abc", "%00", "%FF", "waiting", "9999999999", "60", "15", "twitter", "..", "%2F"];
        for (var i = 0; i < 200; i++)
        {
            var template = templates[rng.Next(templates.Length)];
            var args = Enumerable.Range(0, 3).Select(_ => rng.Next(4) == 0 ? Uri.EscapeDataString(Mutate(values[rng.Next(values.Length)], rng)) : values[rng.Next(values.Length)]).ToArray<object>();
            var url = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, args);
            if (url.Contains("waitSeconds=60", StringComparison.Ordinal)) url = url.Replace("waitSeconds=60", "waitSeconds=1", StringComparison.Ordinal);
            // The in-memory test server throws on a NUL in the path where Kestrel answers 400.
            if (url.Split('?')[0].Contains("%00", StringComparison.Ordinal)) continue;
            using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
            Assert.True(response.StatusCode < HttpStatusCode.InternalServerError, $"{url}: {(int)response.StatusCode}");
        }
    }

    internal static string Mutate(string text, Random rng)
    {
        var s = new StringBuilder(text);
        for (var n = rng.Next(1, 4); n > 0; n--)
        {
            var at = s.Length == 0 ? 0 : rng.Next(s.Length);
            switch (rng.Next(5))
            {
                case 0 when s.Length > 0:
                    s.Remove(at, Math.Min(s.Length - at, rng.Next(1, 12)));
                    break;
                case 1:
                    s.Insert(at, Junk[rng.Next(Junk.Length)]);
                    break;
                case 2 when s.Length > 0:
                    s.Insert(at, s.ToString(at, Math.Min(s.Length - at, rng.Next(1, 20))));
                    break;
                case 3 when s.Length > 0:
                    s[at] = (char)rng.Next(0x20, 0x7F);
                    break;
                default:
                    s.Length = at;
                    break;
            }
        }
        return s.ToString();
    }
}
