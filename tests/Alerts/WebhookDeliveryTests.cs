using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Analytics.Tests.Api;
using Analytics.Tests.Cluster;

namespace Analytics.Tests.Alerts;

/// <summary>The silo's test host with private webhook targets allowed and quick retries (3 attempts, 50 ms, then 100 ms).</summary>
public sealed class AlertsApiFactory() : ConfiguredApiFactory(
    ("Analytics:Alerts:AllowPrivateTargets", "true"),
    ("Analytics:Alerts:Attempts", "3"),
    ("Analytics:Alerts:RetryDelay", "00:00:00.05"));

public class WebhookDeliveryTests(AlertsApiFactory factory) : IClassFixture<AlertsApiFactory>
{
    private const string Secret = "test-secret";

    // A brand with one customer waiting, and a rule that holds as soon as it is set (nothing answered).
    private async Task<string> BrandWithRuleAsync(HttpClient http, string url)
    {
        var brand = Scoped.New().Brand("Hooked");
        var ingest = await http.PostAsync("/api/events", new StringContent(
            $$"""{"id":"m1","brand":"{{brand}}","conversationId":"c1","direction":"inbound","timestamp":"2026-02-01T10:00:00Z"}""" + "\n"));
        ingest.EnsureSuccessStatusCode();
        await http.WaitCaughtUpAsync();
        var put = await http.PutAsync($"/api/brands/{brand}/alerts", JsonContent.Create(new
        {
            rules = new object[] { new { kind = "responseRateBelow", threshold = 0.5, windowSeconds = 3600, minOpened = 1 } },
            webhooks = new object[] { new { url, secret = Secret } },
        }));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        return brand;
    }

    [Fact]
    public async Task Webhook_FailsOnceThenTakes_RetriedWithTheSameSignedBody()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = n => n == 1 ? 500 : 200;
        using var http = factory.CreateClient();

        var brand = await BrandWithRuleAsync(http, receiver.Url);
        await receiver.WaitForAsync(2);

        var (first, second) = (receiver.Received[0], receiver.Received[1]);
        Assert.Equal(first.Body, second.Body);
        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), first.Body)), first.Signature);
        using var alert = JsonDocument.Parse(first.Body);
        Assert.Equal(brand, alert.RootElement.GetProperty("brand").GetString());
        Assert.Equal("fired", alert.RootElement.GetProperty("state").GetString());
        Assert.Equal("responseRateBelow", alert.RootElement.GetProperty("kind").GetString());
        Assert.Equal(0.0, alert.RootElement.GetProperty("value").GetDouble());
        // Taken on the second attempt: no dead letter, and the rules never answer the secret.
        var history = await http.GetFromJsonAsync<JsonElement[]>($"/api/brands/{brand}/alerts/history");
        Assert.Equal(["fired"], history!.Select(h => h.GetProperty("state").GetString()));
        var rules = await http.GetStringAsync($"/api/brands/{brand}/alerts");
        Assert.DoesNotContain(Secret, rules, StringComparison.Ordinal);
        Assert.Contains("\"hasSecret\":true", rules, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_AlwaysFailing_DeadLetterWithTheReasonInTheHistory()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = _ => 500;
        using var http = factory.CreateClient();

        var brand = await BrandWithRuleAsync(http, receiver.Url);
        await receiver.WaitForAsync(3);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        JsonElement[] history;
        while ((history = (await http.GetFromJsonAsync<JsonElement[]>($"/api/brands/{brand}/alerts/history"))!).Length < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "no dead letter within 30 s");
            await Task.Delay(20);
        }
        var deadLetter = history[0];
        Assert.Equal("deadLetter", deadLetter.GetProperty("state").GetString());
        Assert.Equal(history[1].GetProperty("id").GetString(), deadLetter.GetProperty("id").GetString());
        var delivery = deadLetter.GetProperty("delivery");
        Assert.Equal(receiver.Url, delivery.GetProperty("url").GetString());
        Assert.Equal(3, delivery.GetProperty("attempts").GetInt32());
        Assert.StartsWith("HTTP 500", delivery.GetProperty("reason").GetString(), StringComparison.Ordinal);
        // Three attempts and no more.
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task PutAlerts_BadRule_400NamingTheField_UnknownBrand404()
    {
        using var http = factory.CreateClient();
        var brand = await BrandWithRuleAsync(http, "https://example.org/hook");

        var bad = await http.PutAsync($"/api/brands/{brand}/alerts", new StringContent("""{"rules": [{"kind": "responseRateBelow", "threshold": 1.5, "windowSeconds": 60}]}"""));
        var unknown = await http.PutAsync("/api/brands/nobody-here/alerts", new StringContent("""{"rules": []}"""));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("rules[0].threshold must be a number from 0 to 1", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
