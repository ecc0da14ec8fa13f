using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Analytics.Tests.Api;
using Analytics.Tests.Cluster;

namespace Analytics.Tests.Alerts;

/// <summary>Live mode: a forecast fires from the brand's clock alone, before the breach, and the live stream carries it.</summary>
public class LiveAlertTests(LiveApiFactory factory) : IClassFixture<LiveApiFactory>
{
    [Fact]
    public async Task SlaBreachForecast_NoFurtherEvents_FiresBeforeTheBreach_OnTheLiveStream()
    {
        using var http = factory.CreateClient();
        var brand = Scoped.New().Brand("Clock");
        var since = DateTimeOffset.UtcNow.AddSeconds(-5);
        var line = $$"""{"id":"m1","brand":"{{brand}}","conversationId":"c1","direction":"inbound","timestamp":"{{since.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffff}}Z"}""";
        (await http.PostAsync("/api/events", new StringContent(line + "\n", Encoding.UTF8, "application/x-ndjson"))).EnsureSuccessStatusCode();
        await http.WaitCaughtUpAsync();
        // SLA 30 s: the wait passes it 25 s from now; the forecast warns 20 s ahead, about 5 s from now.
        (await http.PutAsync($"/api/brands/{brand}/settings", JsonContent.Create(new { horizonSeconds = 86400, slaSeconds = 30, pUnfollow = 0.56 }))).EnsureSuccessStatusCode();
        using var live = await http.GetAsync("/api/live", HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await live.Content.ReadAsStreamAsync());
        (await http.PutAsync($"/api/brands/{brand}/alerts", JsonContent.Create(new { rules = new[] { new { kind = "slaBreachForecast", withinSeconds = 20 } } }))).EnsureSuccessStatusCode();

        var alert = await NextAlertAsync(reader, brand, TimeSpan.FromSeconds(30));

        Assert.Equal("fired", alert.GetProperty("state").GetString());
        var customer = alert.GetProperty("customers")[0];
        Assert.Equal("c1", customer.GetProperty("conversationId").GetString());
        // Judged every second: within the 20 s warning, and before the breach.
        Assert.InRange(customer.GetProperty("secondsLeft").GetDouble(), 17, 20);
        var at = DateTimeOffset.Parse(alert.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(at < since.AddSeconds(30), $"fired at {at:O}, after the breach at {since.AddSeconds(30):O}");
    }

    // Reads server-sent events until an alert of the brand (an event barrier on the real stream).
    private static async Task<JsonElement> NextAlertAsync(StreamReader reader, string brand, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var alertEvent = false;
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) alertEvent = line == "event: alert";
            else if (alertEvent && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var alert = JsonDocument.Parse(line["data: ".Length..]).RootElement;
                if (alert.GetProperty("brand").GetString() == brand) return alert;
            }
        }
        throw new InvalidOperationException("the live stream ended");
    }
}
