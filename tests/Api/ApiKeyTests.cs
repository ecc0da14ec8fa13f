using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Analytics.Silo.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Api;

/// <summary>A silo with API keys: an admin, a reader, and a tenant that reads and writes brand "Own" only; tight limits.</summary>
public sealed class KeyedApiFactory() : ConfiguredApiFactory(
    ("Analytics:Auth:Keys:ops:Sha256", Sha256(Admin)),
    ("Analytics:Auth:Keys:ops:Scopes", "admin"),
    ("Analytics:Auth:Keys:board:Sha256", Sha256(Reader)),
    ("Analytics:Auth:Keys:board:Scopes", "read"),
    ("Analytics:Auth:Keys:acme:Sha256", Sha256(Tenant)),
    ("Analytics:Auth:Keys:acme:Scopes", "read,ingest"),
    ("Analytics:Auth:Keys:acme:Brands", "Own"),
    // Limits are per key: the limits test has a key of its own, so it spends nobody else's allowance.
    ("Analytics:Auth:Keys:bulk:Sha256", Sha256(Limited)),
    ("Analytics:Auth:Keys:bulk:Scopes", "read,ingest"),
    ("Analytics:Auth:Keys:bulk:Brands", "Own"),
    ("Analytics:Auth:RequestsPerSecond", "20"),
    ("Analytics:Auth:EventsPerSecond", "50"))
{
    public const string Admin = "admin-secret", Reader = "reader-secret", Tenant = "tenant-secret", Limited = "limited-secret";

    public static string Sha256(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

/// <summary>Keys, scopes, tenants' brands and limits, as a client meets them, and every rule of <see cref="ApiAccess"/> on its own.</summary>
public class ApiKeyTests(KeyedApiFactory factory) : IClassFixture<KeyedApiFactory>
{
    private static string Line(string id, string brand) =>
        $$"""{"id":"{{id}}","brand":"{{brand}}","conversationId":"c-{{id}}","direction":"inbound","timestamp":"2026-01-01T00:00:00Z"}""";

    private HttpClient Client(string? key)
    {
        var http = factory.CreateClient();
        if (key is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return http;
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>();

    [Fact]
    public async Task Requests_WithoutTheRightKey_AnsweredWithWhatIsMissing()
    {
        using var anonymous = Client(null);
        using var noKey = await anonymous.GetAsync(new Uri("/api/brands", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal("Bearer", noKey.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("API key is required", await ErrorOf(noKey), StringComparison.Ordinal);
        using (var page = await anonymous.GetAsync(new Uri("/", UriKind.Relative))) Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using (var health = await anonymous.GetAsync(new Uri("/health", UriKind.Relative))) Assert.Equal(HttpStatusCode.OK, health.StatusCode);

        using var wrong = Client("guess");
        using var unknown = await wrong.GetAsync(new Uri("/api/brands", UriKind.Relative));
        Assert.Equal("unknown API key", await ErrorOf(unknown));

        using var reader = Client(KeyedApiFactory.Reader);
        using var post = await reader.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(Line("r1", "Own")));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal("API key 'board' lacks the 'ingest' scope", await ErrorOf(post));
        using var metrics = await reader.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal("API key 'board' lacks the 'admin' scope", await ErrorOf(metrics));
    }

    [Fact]
    public async Task Tenant_SeesAndWritesItsBrandsOnly()
    {
        using var admin = Client(KeyedApiFactory.Admin);
        (await admin.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(Line("a1", "Other")))).EnsureSuccessStatusCode();
        using var tenant = Client(KeyedApiFactory.Tenant);

        using var posted = await tenant.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(Line("t1", "Own") + "\n" + Line("t2", "Other")));
        var receipt = JsonNode.Parse(await posted.Content.ReadAsStringAsync())!;
        Assert.Equal(1, receipt["accepted"]!.GetValue<long>());
        Assert.Equal("brand not allowed: this API key may not write brand 'Other'", receipt["rejects"]![0]!["reason"]!.GetValue<string>());
        await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IIngestLedgerGrain>(0).WaitCaughtUpAsync(TimeSpan.FromSeconds(30));

        var listed = JsonNode.Parse(await tenant.GetStringAsync(new Uri("/api/brands", UriKind.Relative)))!.AsArray().Select(b => b!["brand"]!.GetValue<string>());
        Assert.Equal(["Own"], listed);
        var all = JsonNode.Parse(await admin.GetStringAsync(new Uri("/api/brands", UriKind.Relative)))!.AsArray().Select(b => b!["brand"]!.GetValue<string>());
        Assert.Contains("Other", all);
        using var other = await tenant.GetAsync(new Uri("/api/brands/Other/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("API key 'acme' may not use brand 'Other'", await ErrorOf(other));
        using (var own = await tenant.GetAsync(new Uri("/api/brands/Own/metrics", UriKind.Relative))) Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using (var report = await tenant.GetAsync(new Uri("/api/report", UriKind.Relative))) Assert.Equal(HttpStatusCode.Forbidden, report.StatusCode);
    }

    [Fact]
    public async Task Settings_NeedAdmin_AndTheCookieCarriesAKeyAsTheHeaderDoes()
    {
        using var admin = Client(KeyedApiFactory.Admin);
        (await admin.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(Line("s1", "Settled")))).EnsureSuccessStatusCode();
        await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IIngestLedgerGrain>(0).WaitCaughtUpAsync(TimeSpan.FromSeconds(30));
        var body = """{"horizonSeconds":7200,"slaSeconds":600,"pUnfollow":0.5}""";

        using var reader = Client(KeyedApiFactory.Reader);
        using (var denied = await reader.PutAsync(new Uri("/api/brands/Settled/settings", UriKind.Relative), new StringContent(body))) Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        using (var done = await admin.PutAsync(new Uri("/api/brands/Settled/settings", UriKind.Relative), new StringContent(body))) Assert.Equal(HttpStatusCode.OK, done.StatusCode);

        using var page = Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/brands/Settled/settings", UriKind.Relative));
        request.Headers.Add("Cookie", $"{ApiAccess.Cookie}={KeyedApiFactory.Reader}");
        using var read = await page.SendAsync(request);
        Assert.Equal(600, JsonNode.Parse(await read.Content.ReadAsStringAsync())!["slaSeconds"]!.GetValue<double>());
    }

    [Fact]
    public async Task Limits_TooManyRequestsOrEvents_429WithRetryAfter()
    {
        // 20 requests a second with bursts of 40: a burst of 100 meets the limit.
        using var limited = Client(KeyedApiFactory.Limited);
        var statuses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async _ =>
        {
            using var r = await limited.GetAsync(new Uri("/api/brands/Own/settings", UriKind.Relative));
            return (r.StatusCode, RetryAfter: r.Headers.RetryAfter?.Delta);
        }));
        Assert.Contains(statuses, s => s.StatusCode == HttpStatusCode.TooManyRequests && s.RetryAfter >= TimeSpan.FromSeconds(1));
        Assert.Contains(statuses, s => s.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.OK);

        // 50 events a second: a request of 200 overdraws the allowance, the next waits.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var many = string.Join('\n', Enumerable.Range(0, 200).Select(i => Line($"b{i}", "Own")));
        using (var first = await limited.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(many))) Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var next = await limited.PostAsync(new Uri("/api/events", UriKind.Relative), new StringContent(Line("b-next", "Own")));
        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
        Assert.True(next.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(2), $"Retry-After {next.Headers.RetryAfter}");
    }

    [Theory]
    [InlineData(null, "GET", "/api/brands", 200)]
    [InlineData("127.0.0.1", "PUT", "/api/brands/A/settings", 200)]
    [InlineData("::1", "POST", "/api/events", 200)]
    [InlineData("10.0.0.7", "GET", "/api/brands", 403)]
    [InlineData("192.168.1.2", "GET", "/dashboard", 403)]
    public void Decide_NoKeysConfigured_LoopbackOnly(string? remote, string method, string path, int status)
    {
        var decision = ApiAccess.Decide(new AuthOptions(), remote is null ? null : IPAddress.Parse(remote), null, method, new PathString(path));
        Assert.Equal(status, decision.Status);
        if (status == 403) Assert.Contains("answers clients on its own machine only", decision.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/brands", true)]
    [InlineData("/api/live", true)]
    [InlineData("/dashboard/index.html", true)]
    [InlineData("/metrics", true)]
    [InlineData("/", false)]
    [InlineData("/app/api.js", false)]
    [InlineData("/health", false)]
    [InlineData("/apix", false)]
    public void Guarded_DataAndControlOnly(string path, bool guarded) => Assert.Equal(guarded, ApiAccess.Guarded(new PathString(path)));

    [Theory]
    [InlineData("/api/brands/Acme%2FSupport/metrics", "Acme/Support")]
    [InlineData("/api/brands/A%20B", "A B")]
    [InlineData("/api/brands", null)]
    [InlineData("/api/report", null)]
    public void BrandOf_PerBrandPaths(string path, string? brand) => Assert.Equal(brand, ApiAccess.BrandOf(new PathString(path)));
}
