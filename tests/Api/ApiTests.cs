using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Analytics.Models;
using Analytics.Reporting;
using Analytics.Tests.Reference;

namespace Analytics.Tests.Api;

public class ApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient http = factory.CreateClient();

    private async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string ndjson)
    {
        using var content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson");
        using var response = await http.PostAsync("/api/events", content);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    private static string Event(string id, string brand, string conversation, string direction, string timestamp) =>
        $$"""{"id":"{{id}}","brand":"{{brand}}","conversationId":"{{conversation}}","direction":"{{direction}}","timestamp":"{{timestamp}}"}""";

    [Fact]
    public async Task PostThenReport_TinyExample_EqualsPublishedReport()
    {
        var (status, receipt) = await PostAsync(File.ReadAllText(TestData.PathOf("tiny.ndjson")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(18, receipt!["accepted"]!.GetValue<long>());
        Assert.Equal(1, receipt["duplicates"]!.GetValue<long>());
        await factory.CaughtUpAsync();

        var (reportStatus, report) = await GetAsync("/api/report");
        Assert.Equal(HttpStatusCode.OK, reportStatus);
        // Other tests of this class add their own brands; compare the worked example's two.
        var brands = report!["brands"]!.AsObject();
        foreach (var other in brands.Select(b => b.Key).Where(b => b is not ("AcmeHelp" or "GlobexCare")).ToList()) brands.Remove(other);
        var expected = TestData.TinyReport();
        var differences = ReportComparer.Differences(expected["brands"]!, report["brands"]!);
        Assert.Empty(differences);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-1")]
    [InlineData("61")]
    [InlineData("soon")]
    public async Task CaughtUp_WaitSecondsNotANumberFrom0To60_Answers400(string wait)
    {
        var (status, body) = await GetAsync("/api/ingest/caught-up?waitSeconds=" + wait);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("waitSeconds", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CurlDefaultFormType_ReadAsNdjson()
    {
        using var content = new StringContent(Event("form1", "FormCo", "k1", "inbound", "2024-05-01T10:00:00Z"), Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await http.PostAsync("/api/events", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["accepted"]!.GetValue<long>());
    }

    [Fact]
    public async Task Series_DefaultHourBeforeYearOne_ClampedNot500()
    {
        var (posted, _) = await PostAsync(Event("y1", "YearOneCo", "k1", "inbound", "0001-01-01T00:10:00Z"));
        Assert.Equal(HttpStatusCode.OK, posted);
        await factory.CaughtUpAsync();

        var (status, series) = await GetAsync("/api/brands/YearOneCo/series?to=0001-01-01T00:30:00Z");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(30, series!["start"]!.AsArray().Count);
        Assert.Equal(1, series["opened"]!.AsArray().Sum(v => v!.GetValue<long>()));
    }

    [Fact]
    public async Task Post_WithFirstLine_NumbersRejectsAsFileLines()
    {
        using var content = new StringContent(Event("f1", "LineCo", "k1", "inbound", "2024-05-01T10:00:00Z") + "\n{oops\n", Encoding.UTF8, "application/x-ndjson");
        using var response = await http.PostAsync("/api/events?firstLine=1001", content);
        var receipt = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1002, receipt["rejects"]![0]!["line"]!.GetValue<long>());

        using var bad = new StringContent(Event("f2", "LineCo", "k1", "inbound", "2024-05-01T10:00:00Z"), Encoding.UTF8, "application/x-ndjson");
        using var refused = await http.PostAsync("/api/events?firstLine=0", bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("firstLine", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TwcsCsv_ResolvesReplyTreesAndNamesBadRows()
    {
        var csv = string.Join('\n',
            "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id",
            "101,cust,True,Fri Mar 01 09:00:00 +0000 2024,@CsvCare help,102,",
            "102,CsvCare,False,Fri Mar 01 09:30:00 +0000 2024,@cust on it,,101",
            "103,cust,True,yesterday,@CsvCare again,,");
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await http.PostAsync("/api/events", content);
        var receipt = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, receipt["accepted"]!.GetValue<long>());
        Assert.Equal(1, receipt["rejected"]!.GetValue<long>());
        Assert.Equal(4, receipt["rejects"]![0]!["line"]!.GetValue<long>());
        await factory.CaughtUpAsync();

        var (_, metrics) = await GetAsync("/api/brands/CsvCare/metrics");
        Assert.Equal(1, metrics!["opened"]!.GetValue<long>());
        Assert.Equal(1800, metrics["frtP50"]!.GetValue<double>());
    }

    [Fact]
    public async Task Post_MixedGoodAndBadLines_KeepsEveryGoodLineAndNamesEachBadOne()
    {
        var body = string.Join('\n',
            Event("m1", "MixCo", "k1", "inbound", "2024-05-01T10:00:00Z"),
            """{"id":"m2","brand":"MixCo","conversationId":"k1","direction":"outbound"}""",
            "{not json",
            Event("m3", "MixCo", "k1", "outbound", "2024-05-01T10:05:00Z"),
            Event("m4", "MixCo", "k2", "sideways", "2024-05-01T10:06:00Z"),
            Event("m5", "MixCo", "k2", "inbound", "2024-05-01 10:07:00"),
            """{"id":"m6","brand":"MixCo","direction":"inbound","timestamp":"2024-05-01T10:08:00Z"}""",
            Event("m7", "MixCo", "k3", "inbound", "2024-05-01T10:09:00Z"));
        var (status, receipt) = await PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, receipt!["accepted"]!.GetValue<long>());
        Assert.Equal(5, receipt["rejected"]!.GetValue<long>());
        var rejects = receipt["rejects"]!.AsArray().Select(r => (Line: r!["line"]!.GetValue<long>(), Reason: r["reason"]!.GetValue<string>())).ToList();
        Assert.Equal([2L, 3, 5, 6, 7], rejects.Select(r => r.Line));
        Assert.Contains("timestamp missing", rejects[0].Reason);
        Assert.Contains("malformed JSON", rejects[1].Reason);
        Assert.Contains("direction", rejects[2].Reason);
        Assert.Contains("timestamp", rejects[3].Reason);
        Assert.Contains("conversationId missing", rejects[4].Reason);

        await factory.CaughtUpAsync();
        var (_, metrics) = await GetAsync("/api/brands/MixCo/metrics");
        Assert.Equal(2, metrics!["opened"]!.GetValue<long>());
        Assert.Equal(1, metrics["responded"]!.GetValue<long>());
        Assert.Equal(2, metrics["inbound"]!.GetValue<long>());
        Assert.Equal(1, metrics["outbound"]!.GetValue<long>());
    }

    [Fact]
    public async Task Post_EmptyBody_IsBadRequestWithReason()
    {
        var (status, body) = await PostAsync("");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("empty body", body!["error"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/brands/NoSuchBrand/metrics", HttpStatusCode.NotFound, "unknown brand")]
    [InlineData("/api/brands/NoSuchBrand/conversations", HttpStatusCode.NotFound, "unknown brand")]
    [InlineData("/api/report?from=yesterday", HttpStatusCode.BadRequest, "from must be ISO-8601")]
    [InlineData("/api/report?from=2024-03-01T09:00:30Z", HttpStatusCode.BadRequest, "whole UTC minute")]
    [InlineData("/api/report?from=2024-03-02T00:00:00Z&to=2024-03-01T00:00:00Z", HttpStatusCode.BadRequest, "to must not be before from")]
    [InlineData("/api/brands/AnyBrand/conversations?status=angry", HttpStatusCode.BadRequest, "status must be")]
    [InlineData("/api/brands/AnyBrand/conversations?limit=0", HttpStatusCode.BadRequest, "limit must be")]
    [InlineData("/api/brands/AnyBrand/conversations/none", HttpStatusCode.NotFound, "unknown brand 'AnyBrand'")]
    public async Task Get_BadRequestOrUnknown_AnswersWithMessage(string path, HttpStatusCode expected, string message)
    {
        var (status, body) = await GetAsync(path);
        Assert.Equal(expected, status);
        Assert.Contains(message, body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Conversations_WaitingAndOne_ShowWhoWaitsLongest()
    {
        var body = string.Join('\n',
            Event("w1", "WaitCo", "old", "inbound", "2024-06-01T10:00:00Z"),
            Event("w2", "WaitCo", "new", "inbound", "2024-06-01T10:20:00Z"),
            Event("w3", "WaitCo", "done", "inbound", "2024-06-01T10:21:00Z"),
            Event("w4", "WaitCo", "done", "outbound", "2024-06-01T10:30:00Z"));
        await PostAsync(body);
        await factory.CaughtUpAsync();

        var rows = await http.GetFromJsonAsync<ConversationRowView[]>("/api/brands/WaitCo/conversations?status=waiting", JsonSerializerOptions.Web) ?? [];
        Assert.Equal(["old", "new"], rows.Select(r => r.ConversationId));
        Assert.Equal([1800.0, 600.0], rows.Select(r => r.WaitingSeconds!.Value));
        Assert.Equal("pending", rows[0].Status);

        var responded = await http.GetFromJsonAsync<ConversationRowView[]>("/api/brands/WaitCo/conversations?status=responded", JsonSerializerOptions.Web);
        Assert.Equal(540.0, Assert.Single(responded!).FrtSeconds);

        var one = await http.GetFromJsonAsync<ConversationDetailView>("/api/brands/WaitCo/conversations/done", JsonSerializerOptions.Web);
        Assert.Equal(["w3", "w4"], one!.Events.Select(e => e.Id));
        Assert.Equal("responded", one.Summary!.Status);
        Assert.Equal("2024-06-01T10:30:00Z", one.AsOf);
    }

    [Fact]
    public async Task UnknownBrand_EveryRead_404WithoutActivatingABrand()
    {
        var management = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        async Task<int> BrandGrainsAsync() =>
            (await management.GetSimpleGrainStatistics()).Where(s => s.GrainType.Contains("BrandGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        var before = await BrandGrainsAsync();

        for (var i = 0; i < 25; i++)
        {
            var brand = $"NoSuchBrand{Guid.NewGuid():N}";
            foreach (var path in new[] { "settings", "metrics", "series", "conversations", "conversations/c1" })
            {
                var (status, body) = await GetAsync($"/api/brands/{brand}/{path}");
                Assert.Equal(HttpStatusCode.NotFound, status);
                Assert.Contains(brand, body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
            }
        }

        Assert.Equal(before, await BrandGrainsAsync());
    }

    [Theory]
    [InlineData("""{"horizonSeconds":"NaN","slaSeconds":900,"pUnfollow":0.5}""", "horizonSeconds must be a number")]
    [InlineData("""{"horizonSeconds":86400,"slaSeconds":"fast","pUnfollow":0.5}""", "slaSeconds must be a number")]
    [InlineData("""{"horizonSeconds":86400,"slaSeconds":900}""", "pUnfollow must be a number")]
    [InlineData("""{"horizonSeconds":3600,"slaSeconds":7200,"pUnfollow":0.5}""", "slaSeconds must be from 1 to horizonSeconds")]
    [InlineData("""{"horizonSeconds":1e-9,"slaSeconds":1e-9,"pUnfollow":0.5}""", "horizonSeconds must be from 1")]
    [InlineData("""{"horizonSeconds":3600,"slaSeconds":600,"pUnfollow":0.5,"complaintSlaSeconds":"soon"}""", "complaintSlaSeconds must be a number")]
    [InlineData("""{"horizonSeconds":3600,"slaSeconds":600,"pUnfollow":0.5,"complaintSlaSeconds":7200}""", "complaintSlaSeconds must be from 1 to horizonSeconds")]
    [InlineData("""[1,2,3]""", "the body must be a JSON object")]
    [InlineData("""not json""", "the body is not JSON")]
    public async Task Settings_BadBody_400NamingTheField(string body, string reason)
    {
        await PostAsync(Event("v1", "ValidCo", "a", "inbound", "2024-07-01T10:00:00Z"));
        await factory.CaughtUpAsync();

        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PutAsync("/api/brands/ValidCo/settings", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith(reason, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Complaints_FromTheText_WithTheirOwnSla_InMetricsAndSettings()
    {
        await PostAsync(string.Join("\n",
            """{"id":"q1","brand":"MoanCo","conversationId":"a","direction":"inbound","timestamp":"2024-07-01T10:00:00Z","text":"my parcel still hasn't arrived, this is ridiculous"}""",
            """{"id":"q2","brand":"MoanCo","conversationId":"a","direction":"outbound","timestamp":"2024-07-01T11:30:00Z","text":"so sorry, we are on it"}""",
            """{"id":"q3","brand":"MoanCo","conversationId":"b","direction":"inbound","timestamp":"2024-07-01T10:00:00Z","text":"do you ship to Canada?"}""",
            """{"id":"q4","brand":"MoanCo","conversationId":"b","direction":"outbound","timestamp":"2024-07-01T10:05:00Z"}"""));
        await factory.CaughtUpAsync();

        var (_, metrics) = await GetAsync("/api/brands/MoanCo/metrics");
        Assert.Equal(1, metrics!["complaints"]!.GetValue<long>());
        Assert.Equal(1.0, metrics["complaintResponseRate"]!.GetValue<double>());
        Assert.Equal(0.0, metrics["complaintSlaRate"]!.GetValue<double>()); // 90 min against the default hour
        Assert.Equal(1.0, metrics["expectationMet"]!.GetValue<double>() + metrics["engagementGap"]!.GetValue<double>(), 12);
        var (_, settings) = await GetAsync("/api/brands/MoanCo/settings");
        Assert.Equal(3600, settings!["complaintSlaSeconds"]!.GetValue<double>());

        using var content = new StringContent("""{"horizonSeconds":86400,"slaSeconds":3600,"pUnfollow":0.56,"complaintSlaSeconds":7200}""", Encoding.UTF8, "application/json");
        using var put = await http.PutAsync("/api/brands/MoanCo/settings", content);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        (_, metrics) = await GetAsync("/api/brands/MoanCo/metrics");
        Assert.Equal(1.0, metrics!["complaintSlaRate"]!.GetValue<double>());
        (_, settings) = await GetAsync("/api/brands/MoanCo/settings");
        Assert.Equal(7200, settings!["complaintSlaSeconds"]!.GetValue<double>());
    }

    [Fact]
    public async Task Conversation_KnownBrandUnknownId_404NamingTheConversation()
    {
        await PostAsync(Event("k1", "KnownCo", "a", "inbound", "2024-07-01T10:00:00Z"));
        await factory.CaughtUpAsync();

        var (status, body) = await GetAsync("/api/brands/KnownCo/conversations/none");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("no conversation 'none'", body!["error"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_ShorterSla_ChangesSlaRate()
    {
        await PostAsync(string.Join('\n',
            Event("s1", "SlaCo", "a", "inbound", "2024-07-01T10:00:00Z"),
            Event("s2", "SlaCo", "a", "outbound", "2024-07-01T10:30:00Z")));
        await factory.CaughtUpAsync();
        Assert.Equal(1.0, (await GetAsync("/api/brands/SlaCo/metrics")).Body!["slaRate"]!.GetValue<double>());

        using var put = await http.PutAsJsonAsync("/api/brands/SlaCo/settings", new SettingsView(86400, 900, 0.56), JsonSerializerOptions.Web);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(0.0, (await GetAsync("/api/brands/SlaCo/metrics")).Body!["slaRate"]!.GetValue<double>());

        using var bad = await http.PutAsJsonAsync("/api/brands/SlaCo/settings", new SettingsView(86400, 900, 2), JsonSerializerOptions.Web);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
