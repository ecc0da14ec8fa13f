using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Analytics.Tests.Api;

/// <summary>The silo host in live mode (the as-of follows the wall clock), as the README's first command runs it.</summary>
public sealed class LiveApiFactory() : ConfiguredApiFactory(("Analytics:AsOf", "Live"));

/// <summary>In live mode an event far in the future is refused: it would become the brand's as-of for good.</summary>
public class LiveModeTests(LiveApiFactory factory) : IClassFixture<LiveApiFactory>
{
    private readonly HttpClient http = factory.CreateClient();

    [Fact]
    public async Task Post_EventsAheadOfTheClock_BeyondFiveMinutesRejectedWithReason()
    {
        var now = DateTimeOffset.UtcNow;
        string Line(string id, DateTimeOffset at) =>
            $$"""{"id":"{{id}}","brand":"FutureCo","conversationId":"c","direction":"inbound","timestamp":"{{at.UtcDateTime:yyyy-MM-ddTHH:mm:ss}}Z"}""";
        var body = string.Join('\n', Line("soon", now.AddMinutes(1)), Line("far", now.AddHours(2)), Line("year9999", new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero)));

        using var response = await http.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/x-ndjson"));
        var receipt = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, receipt["accepted"]!.GetValue<long>());
        Assert.Equal([2L, 3L], receipt["rejects"]!.AsArray().Select(r => r!["line"]!.GetValue<long>()));
        Assert.All(receipt["rejects"]!.AsArray(), r => Assert.StartsWith("timestamp in the future: ", r!["reason"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(2, receipt["rejectedByReason"]!["timestamp in the future"]!.GetValue<long>());
    }
}
