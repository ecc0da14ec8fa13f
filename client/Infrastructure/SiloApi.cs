using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Client.Infrastructure;

/// <summary>The silo's HTTP API as the client uses it.</summary>
public sealed class SiloApi(Uri baseAddress) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(10) };

    /// <summary>Posts NDJSON bytes whose first line is line <paramref name="firstLine"/> of its file (the receipt's numbering).</summary>
    public async Task<IngestReceipt> PostEventsAsync(ReadOnlyMemory<byte> ndjson, long firstLine, CancellationToken cancellationToken)
    {
        using var content = new ReadOnlyMemoryContent(ndjson);
        content.Headers.ContentType = new("application/x-ndjson");
        return await PostAsync("api/events" + (firstLine == 1 ? "" : "?firstLine=" + firstLine.ToString(CultureInfo.InvariantCulture)), content, cancellationToken);
    }

    /// <summary>Posts a whole twcs.csv file (METRICS-SPEC section 7), streamed.</summary>
    public async Task<IngestReceipt> PostCsvAsync(Stream csv, CancellationToken cancellationToken)
    {
        using var content = new StreamContent(csv, 1 << 16);
        content.Headers.ContentType = new("text/csv");
        return await PostAsync("api/events", content, cancellationToken);
    }

    /// <summary>The cluster's ingest counters.</summary>
    public Task<IngestStatus> StatusAsync(CancellationToken cancellationToken) => GetAsync<IngestStatus>("api/ingest/status", cancellationToken);

    /// <summary>Waits up to <paramref name="max"/> in the silo until every accepted event is reflected; true if so.</summary>
    public async Task<bool> CaughtUpAsync(TimeSpan max, CancellationToken cancellationToken) =>
        (await GetAsync<System.Text.Json.Nodes.JsonObject>("api/ingest/caught-up?waitSeconds=" + max.TotalSeconds.ToString(CultureInfo.InvariantCulture), cancellationToken))["caughtUp"]?.GetValue<bool>() == true;

    /// <summary>The whole report for a window.</summary>
    public Task<ReportView> ReportAsync(MetricsQuery query, CancellationToken cancellationToken) =>
        GetAsync<ReportView>("api/report" + Window(query), cancellationToken);

    /// <summary>One brand's metrics.</summary>
    public Task<BrandView> BrandAsync(string brand, MetricsQuery query, CancellationToken cancellationToken) =>
        GetAsync<BrandView>($"api/brands/{Uri.EscapeDataString(brand)}/metrics" + Window(query), cancellationToken);

    public void Dispose() => http.Dispose();

    private async Task<IngestReceipt> PostAsync(string path, HttpContent content, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync(path, content, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<IngestReceipt>(JsonSerializerOptions.Web, cancellationToken))!;
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken))!;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new InvalidOperationException($"{(int)response.StatusCode} {response.ReasonPhrase} from {response.RequestMessage?.RequestUri}: {body}");
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
