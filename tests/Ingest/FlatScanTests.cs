using System.Text;
using Analytics.Ingest;
using Analytics.Tests.Reference;

namespace Analytics.Tests.Ingest;

/// <summary>
/// The parser's hand scan of flat lines gives exactly what the JSON reader gives: the same event
/// and canonical bytes, or the same reason, on generated lines, lines reshaped by hand, and seeded
/// mutations of both.
/// </summary>
public class FlatScanTests
{
    private static readonly string[] Shaped =
    [
        """{"id":"e1","brand":"Acme","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z","channel":"twitter"}""",
        """ { "id" : "e1" , "brand":"Acme","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z" } """,
        "{\t\"id\":\"e1\",\r\n\"brand\":\"Acme\",\"conversationId\":\"c1\",\"direction\":\"inbound\",\"timestamp\":\"2026-01-01T00:00:00Z\"}",
        """{"id":"e1","brand":"Acme","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z","text":null,"author":null}""",
        """{"id":"e1","brand":"Acme","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z","extra":"x","more":null}""",
        """{"id":"e1","brand":"Acme","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z","extra":{"a":[1,2]}}""",
        """{"id":"e1","brand":"Acme","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z","n":12.5}""",
        """{"id":"e\"1","brand":"Acme","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z"}""",
        """{"i\u0064":"e1","brand":"Acme","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z"}""",
        """{"id":"e1","id":"e2","brand":"Acme","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z"}""",
        """{"id":"e1","extra":"x","extra":"y","brand":"Acme","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z"}""",
        """{"id":"e1","brand":"Acme","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z"} x""",
        """{"id":"e1","brand":"Acme","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z"}}""",
        """{"id":"e1","brand":"Acme","conversationId":"c1","direction":"inbound","timestamp":"2026-01-01T00:00:00Z",}""",
        """{"id":"e1","brand":nul,"conversationId":"c1"}""",
        """{"id":"e1","brand":nullx}""",
        """{"id":"e1","brand":true}""",
        """{"id":"e1" "brand":"Acme"}""",
        """{"id":"e1","brand":"Ac""",
        """{"id":"é💬","brand":"Äcme","conversationId":"c1","direction":"outbound","timestamp":"2026-01-01T00:00:00Z","text":"👍 ok"}""",
        "{\"id\":\"e1\",\"brand\":\"Ac\u0001me\",\"conversationId\":\"c1\",\"direction\":\"inbound\",\"timestamp\":\"2026-01-01T00:00:00Z\"}",
        "{}", "[]", " ", "{", "\"id\":\"e1\" ", """{"id":"e1"}""",
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FlatScan_AnyLine_SameOutcomeAsTheReader(int seed)
    {
        var rng = new Random(seed);
        var generated = EventGenerator.Generate(seed, new GeneratorOptions(Brands: 3, Conversations: 200));
        var lines = generated.Concat(Shaped).ToList();
        lines.AddRange(lines.Take(2000).Select(l => FuzzTests.Mutate(l, rng)).ToList());

        using var flat = new EventLineParser();
        using var reader = new EventLineParser(flatScan: false);
        var accepted = 0;
        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var ok = flat.TryParse(bytes, out Analytics.Models.CareEvent? e1, out var r1);
            var canonical1 = ok ? flat.Canonical.ToArray() : null;
            Assert.Equal(ok, reader.TryParse(bytes, out Analytics.Models.CareEvent? e2, out var r2));
            Assert.Equal(r2, r1);
            Assert.Equal(e2, e1);
            if (ok)
            {
                Assert.Equal(reader.Canonical.ToArray(), canonical1);
                accepted++;
            }
        }
        Assert.True(accepted > generated.Count / 2, $"{accepted} accepted: the comparison covered accepted lines");
    }
}
