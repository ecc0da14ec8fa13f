using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Client.Infrastructure;

/// <summary>
/// The silo's HTTP API as the client uses it. Every call goes through <see cref="Retry"/>: a silo
/// or Redis restart costs a pause, not the run; with several silos a call fails over to the next.
/// </summary>
public sealed class SiloApi(SiloRetry retry, string? apiKey = null) : IDisposable
{
    private readonly HttpClient http = NewHttpClient(apiKey);

    /// <summary>A client of one silo, retrying for up to 5 minutes.</summary>
    public SiloApi(Uri silo)
        : this(new SiloRetry([silo], TimeSpan.FromMinutes(5)))
    {
    }

    private static HttpClient NewHttpClient(string? apiKey)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        if (!string.IsNullOrEmpty(apiKey)) http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        return http;
    }

    /// <summary>How calls are retried, and where they go.</summary>
    public SiloRetry Retry => retry;

    /// <summary>Posts NDJSON bytes whose first line is line <paramref name="firstLine"/> of its file (the receipt's numbering).</summary>
    public Task<IngestReceipt> PostEventsAsync(ReadOnlyMemory<byte> ndjson, long firstLine, CancellationToken cancellationToken) =>
        retry.RunAsync($"posting the lines from {firstLine:N0}", async (silo, ct) =>
        {
            using var content = new ReadOnlyMemoryContent(ndjson);
            content.Headers.ContentType = new("application/x-ndjson");
            return await PostAsync(new Uri(silo, "api/events" + (firstLine == 1 ? "" : "?firstLine=" + firstLine.ToString(CultureInfo.InvariantCulture))), content, ct);
        }, cancellationToken);

    /// <summary>Posts a whole twcs.csv file (METRICS-SPEC section 7), streamed; <paramref name="open"/> opens it again for a retry.</summary>
    public Task<IngestReceipt> PostCsvAsync(Func<Stream> open, CancellationToken cancellationToken) =>
        retry.RunAsync("posting the twcs.csv file", async (silo, ct) =>
        {
            await using var csv = open();
            using var content = new StreamContent(csv, 1 << 16);
            content.Headers.ContentType = new("text/csv");
            return await PostAsync(new Uri(silo, "api/events"), content, ct);
        }, cancellationToken);

    /// <summary>The cluster's ingest counters.</summary>
    public Task<IngestStatus> StatusAsync(CancellationToken cancellationToken) => GetAsync<IngestStatus>("api/ingest/status", "reading the ingest status", cancellationToken);

    /// <summary>Waits up to <paramref name="max"/> in the silo until every accepted event is reflected; true if so.</summary>
    public async Task<bool> CaughtUpAsync(TimeSpan max, CancellationToken cancellationToken) =>
        (await GetAsync<System.Text.Json.Nodes.JsonObject>("api/ingest/caught-up?waitSeconds=" + max.TotalSeconds.ToString(CultureInfo.InvariantCulture), "waiting until the events are reflected", cancellationToken))["caughtUp"]?.GetValue<bool>() == true;

    /// <summary>The whole report for a window.</summary>
    public Task<ReportView> ReportAsync(MetricsQuery query, CancellationToken cancellationToken) =>
        GetAsync<ReportView>("api/report" + Window(query), "reading the report", cancellationToken);

    /// <summary>One brand's metrics.</summary>
    public Task<BrandView> BrandAsync(string brand, MetricsQuery query, CancellationToken cancellationToken) =>
        GetAsync<BrandView>($"api/brands/{Uri.EscapeDataString(brand)}/metrics" + Window(query), $"reading brand {brand}", cancellationToken);

    public void Dispose() => http.Dispose();

    private async Task<IngestReceipt> PostAsync(Uri uri, HttpContent content, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(uri, content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<IngestReceipt>(JsonSerializerOptions.Web, cancellationToken))!;
    }

    private Task<T> GetAsync<T>(string path, string what, CancellationToken cancellationToken) =>
        retry.RunAsync(what, async (silo, ct) =>
        {
            using var response = await http.GetAsync(new Uri(silo, path), ct);
            await EnsureSuccessAsync(response, ct);
            return (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, ct))!;
        }, cancellationToken);

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var uri = response.RequestMessage?.RequestUri;
        throw new SiloHttpException((int)response.StatusCode, uri, $"{(int)response.StatusCode} {response.ReasonPhrase} from {uri}: {body}");
    }

    private static string Window(MetricsQuery q)
    {
        var parts = new List<string>();
        if (q.From is { } f) parts.Add("from=" + Uri.EscapeDataString(Time.ToIso(f)));
        if (q.To is { } t) parts.Add("to=" + Uri.EscapeDataString(Time.ToIso(t)));
        if (q.Channel is { } c) parts.Add("channel=" + Uri.EscapeDataString(c));
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    internal static string Format(double? value, string format = "0.###") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";
}
