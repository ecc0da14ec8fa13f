using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Api;

/// <summary>Who said what in the conversation view, canned replies and the calibrated risk setting, through the HTTP API.</summary>
public sealed class ConversationTextTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient http = factory.CreateClient();

    internal static string Line(string id, string brand, string conversation, string direction, string timestamp, string? author, string? text) =>
        new JsonObject
        {
            ["id"] = id, ["brand"] = brand, ["conversationId"] = conversation, ["direction"] = direction, ["timestamp"] = timestamp,
            ["author"] = author, ["text"] = text,
        }.ToJsonString();

    // Two customers; the brand answers both with one template, and the first customer writes again.
    internal static string Conversations(string brand) => string.Join("\n",
        Line("t1", brand, "a", "inbound", "2024-07-01T10:00:00Z", "ann", "My parcel still hasn't arrived, this is ridiculous"),
        Line("t2", brand, "a", "outbound", "2024-07-01T10:20:00Z", brand, "Hi Ann, we're sorry to hear that. Please DM us your order number 123 and we'll look into it right away."),
        Line("t3", brand, "a", "inbound", "2024-07-01T10:25:00Z", "ann", "done"),
        Line("t4", brand, "b", "inbound", "2024-07-01T11:00:00Z", "bob", "do you ship to Canada?"),
        Line("t5", brand, "b", "outbound", "2024-07-01T11:05:00Z", brand, "Hi Bob, we're sorry to hear that. Please DM us your order number 98765 and we'll look into it right away."),
        """{"id":"t6","kind":"unfollow","brand":"BRAND","author":"ann","timestamp":"2024-07-02T09:00:00Z"}""".Replace("BRAND", brand, StringComparison.Ordinal),
        // A day later: both conversations are settled (past the horizon), so the calibration reads them.
        """{"id":"t7","kind":"follow","brand":"BRAND","author":"cyd","timestamp":"2024-07-03T12:00:00Z"}""".Replace("BRAND", brand, StringComparison.Ordinal));

    internal static async Task PostAsync(HttpClient http, string ndjson)
    {
        using var content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson");
        using var response = await http.PostAsync("/api/events", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ConversationView_ShowsWhoSaidWhatAndWhen()
    {
        await PostAsync(http, Conversations("TextCo"));
        await factory.CaughtUpAsync();

        var view = await http.GetFromJsonAsync<ConversationDetailView>("/api/brands/TextCo/conversations/a", JsonSerializerOptions.Web);
        Assert.Equal(["ann", "TextCo", "ann"], view!.Events.Select(e => e.Author));
        Assert.Equal("My parcel still hasn't arrived, this is ridiculous", view.Events[0].Text);
        Assert.Equal([true, false, false], view.Events.Select(e => e.Complaint));
    }

    [Fact]
    public async Task Metrics_CannedRepliesFollowUpsAndCalibration()
    {
        await PostAsync(http, Conversations("CannedCo"));
        await factory.CaughtUpAsync();

        var m = JsonNode.Parse(await http.GetStringAsync("/api/brands/CannedCo/metrics"))!;
        Assert.Equal(1.0, m["cannedShare"]!.GetValue<double>());
        Assert.Equal(0.5, m["followUpRateCanned"]!.GetValue<double>());
        Assert.Null(m["followUpRatePersonal"]);
        // Ann unfollowed within a day of her conversation: observed; Bob did not.
        Assert.Equal(1, m["observedUnfollows"]!.GetValue<long>());
        var (p, low, high) = (m["calibratedPUnfollow"]!.GetValue<double>(), m["calibratedPUnfollowLow"]!.GetValue<double>(), m["calibratedPUnfollowHigh"]!.GetValue<double>());
        Assert.True(low < p && p < high && p > 0.56, $"{low} < {p} < {high}");

        // The calibrated setting: expectedUnfollows is the exposure (the survey's figure over 0.56) times the calibrated value.
        var survey = m["expectedUnfollows"]!.GetValue<double>();
        using var content = new StringContent("""{"horizonSeconds":86400,"slaSeconds":3600,"pUnfollow":0.56,"calibratedRisk":true}""", Encoding.UTF8, "application/json");
        using var put = await http.PutAsync("/api/brands/CannedCo/settings", content);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var calibrated = JsonNode.Parse(await http.GetStringAsync("/api/brands/CannedCo/metrics"))!;
        Assert.Equal(survey / 0.56 * p, calibrated["expectedUnfollows"]!.GetValue<double>(), 9);
        Assert.True(JsonNode.Parse(await http.GetStringAsync("/api/brands/CannedCo/settings"))!["calibratedRisk"]!.GetValue<bool>());
    }
}

public sealed class OpenApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task OpenApiDocument_ListsTheFiguresFromTextAndTheNewSettings()
    {
        var document = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        foreach (var name in new[] { "frtP50", "complaints", "complaintSlaRate", "engagementGap", "cannedShare", "followUpRatePersonal", "calibratedPUnfollowHigh", "complaintSlaSeconds", "calibratedRisk", "author" })
        {
            Assert.Contains($"\"{name}\"", document, StringComparison.Ordinal);
        }
    }
}

/// <summary>Analytics:KeepText=false: no author or text is kept, what was derived from them is.</summary>
public sealed class KeepTextOffFactory() : ConfiguredApiFactory(("Analytics:KeepText", "false"))
{
}

public sealed class KeepTextOffTests(KeepTextOffFactory factory) : IClassFixture<KeepTextOffFactory>
{
    [Fact]
    public async Task NoTextKept_FiguresFromTheTextStillCounted()
    {
        var http = factory.CreateClient();
        await ConversationTextTests.PostAsync(http, ConversationTextTests.Conversations("QuietCo"));
        var ledger = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IIngestLedgerGrain>(0);
        Assert.True(await ledger.WaitCaughtUpAsync(TimeSpan.FromSeconds(60)));

        var view = await http.GetFromJsonAsync<ConversationDetailView>("/api/brands/QuietCo/conversations/a", JsonSerializerOptions.Web);
        Assert.All(view!.Events, e => Assert.Null(e.Text));
        Assert.All(view.Events, e => Assert.Null(e.Author));
        Assert.True(view.Events[0].Complaint);
        var m = JsonNode.Parse(await http.GetStringAsync("/api/brands/QuietCo/metrics"))!;
        Assert.Equal(1, m["complaints"]!.GetValue<long>());
        Assert.Equal(1.0, m["cannedShare"]!.GetValue<double>());
        Assert.Equal(1, m["observedUnfollows"]!.GetValue<long>());
    }
}
