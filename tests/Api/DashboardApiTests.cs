using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Analytics.Tests.Api;

/// <summary>What the dashboard stands on, over HTTP: series, live push, the page, metrics and the operators' pages.</summary>
public class DashboardApiTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient http = factory.CreateClient();

    private static string Event(string id, string brand, string conversation, string direction, string timestamp) =>
        $$"""{"id":"{{id}}","brand":"{{brand}}","conversationId":"{{conversation}}","direction":"{{direction}}","timestamp":"{{timestamp}}"}""";

    private async Task PostAsync(params string[] lines)
    {
        using var content = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson");
        using var response = await http.PostAsync("/api/events", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> GetAsync(string path)
    {
        using var response = await http.GetAsync(path);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Series_Window_AnswersOneColumnPerFieldAndOneRowPerMinute()
    {
        await PostAsync(
            Event("s1", "SeriesCo", "a", "inbound", "2024-05-01T10:00:10Z"),
            Event("s2", "SeriesCo", "a", "outbound", "2024-05-01T10:02:10Z"),
            Event("s3", "SeriesCo", "b", "inbound", "2024-05-01T10:02:30Z"));
        await factory.CaughtUpAsync();

        var (status, series) = await GetAsync("/api/brands/SeriesCo/series?from=2024-05-01T10:00:00Z&to=2024-05-01T10:04:00Z");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(60, series!["stepSeconds"]!.GetValue<int>());
        Assert.Equal(["2024-05-01T10:00:00Z", "2024-05-01T10:01:00Z", "2024-05-01T10:02:00Z", "2024-05-01T10:03:00Z"], series["start"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal([1L, 0, 1, 0], series["opened"]!.AsArray().Select(v => v!.GetValue<long>()));
        Assert.Equal([1L, 0, 0, 0], series["responded"]!.AsArray().Select(v => v!.GetValue<long>()));
        Assert.Equal([0L, 0, 1, 0], series["outbound"]!.AsArray().Select(v => v!.GetValue<long>()));
        Assert.Equal(120.0, series["frtP50"]![0]!.GetValue<double>());
        Assert.Null(series["frtP50"]![1]);
        Assert.Equal(4, series["backlog"]!.AsArray().Count);

        // Without a window: the hour up to the minute after the as-of (10:02:30), by the minute.
        var (_, lastHour) = await GetAsync("/api/brands/SeriesCo/series");
        Assert.Equal("2024-05-01T09:03:00Z", lastHour!["from"]!.GetValue<string>());
        Assert.Equal(60, lastHour["start"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("/api/brands/NoSuchBrand/series", HttpStatusCode.NotFound, "unknown brand")]
    [InlineData("/api/brands/SeriesBad/series?step=0", HttpStatusCode.BadRequest, "step")]
    [InlineData("/api/brands/SeriesBad/series?from=2024-01-01T00:00:00Z&to=2024-03-01T00:00:00Z&step=1", HttpStatusCode.BadRequest, "step too small")]
    [InlineData("/api/brands/SeriesBad/series?from=2024-05-01T10:00:30Z", HttpStatusCode.BadRequest, "whole UTC minute")]
    public async Task Series_BadRequestOrUnknown_AnswersWithMessage(string path, HttpStatusCode expected, string message)
    {
        await PostAsync(Event("sb1", "SeriesBad", "a", "inbound", "2024-05-01T10:00:00Z"));
        await factory.CaughtUpAsync();
        var (status, body) = await GetAsync(path);
        Assert.Equal(expected, status);
        Assert.Contains(message, body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Live_EventsPosted_PushesTheBrandsFiguresAsServerSentEvents()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await http.GetAsync("/api/live", HttpCompletionOption.ResponseHeadersRead, deadline.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(deadline.Token));

        await PostAsync(
            Event("l1", "LiveCo", "a", "inbound", "2024-05-01T10:00:00Z"),
            Event("l2", "LiveCo", "a", "outbound", "2024-05-01T10:01:00Z"));

        // Read events until LiveCo's shows both events applied (an earlier push may show fewer).
        JsonNode? pushed = null;
        string? eventType = null;
        while (pushed is null && await reader.ReadLineAsync(deadline.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal)) eventType = line[7..];
            if (eventType != "brand" || !line.StartsWith("data: ", StringComparison.Ordinal)) continue;
            var data = JsonNode.Parse(line[6..])!;
            if (data["brand"]!.GetValue<string>() == "LiveCo" && data["metrics"]!["responded"]!.GetValue<long>() == 1) pushed = data;
        }
        Assert.NotNull(pushed);
        Assert.Equal("2024-05-01T10:01:00Z", pushed!["asOf"]!.GetValue<string>());
        Assert.Equal(1, pushed["metrics"]!["opened"]!.GetValue<long>());
        Assert.Equal(60.0, pushed["metrics"]!["frtP50"]!.GetValue<double>());
        Assert.Equal(1.0, pushed["metrics"]!["slaRate"]!.GetValue<double>());
    }

    [Fact]
    public async Task Metrics_AfterIngest_ExportsAcceptedAndRejectedByReasonForPrometheus()
    {
        await PostAsync(Event("m1", "MetricsCo", "a", "inbound", "2024-05-01T10:00:00Z"), "{not json");
        using var response = await http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("analytics_events_accepted_total", text);
        Assert.Matches("analytics_events_rejected_total\\{[^}]*reason=\"malformed JSON\"", text);
        Assert.Contains("analytics_push_connections", text);
        Assert.Contains("analytics_ingest_lag", text);
        // The runtime's own, which cluster-bench reads per event.
        Assert.Contains("dotnet_process_cpu_time_seconds_total", text);
        Assert.Contains("dotnet_gc_heap_total_allocated_bytes_total", text);
    }

    [Theory]
    [InlineData("/", "text/html", "Customer care")]
    [InlineData("/app/live.js", "text/javascript", "EventSource")]
    [InlineData("/lib/uplot/uPlot.esm.js", "text/javascript", "uPlot")]
    [InlineData("/dashboard/", "text/html", "")]
    public async Task Get_PageAndOperatorViews_AreServed(string path, string mediaType, string contains)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(contains, await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Analytics:OrleansDashboard=false: the silo runs without the Orleans Dashboard, the rest as usual.</summary>
public sealed class NoOrleansDashboardFactory() : ConfiguredApiFactory(("Analytics:OrleansDashboard", "false"))
{
}

public sealed class NoOrleansDashboardTests(NoOrleansDashboardFactory factory) : IClassFixture<NoOrleansDashboardFactory>
{
    [Fact]
    public async Task OrleansDashboardOff_NotServed_PageAndMetricsStillAre()
    {
        var http = factory.CreateClient();
        using (var dashboard = await http.GetAsync(new Uri("/dashboard/", UriKind.Relative))) Assert.Equal(HttpStatusCode.NotFound, dashboard.StatusCode);
        using (var page = await http.GetAsync(new Uri("/", UriKind.Relative))) Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("dotnet_gc_pause_time_seconds_total", await metrics.Content.ReadAsStringAsync());
    }
}
