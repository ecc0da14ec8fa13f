using System.Net.Http.Headers;
using Microsoft.Playwright;

namespace Analytics.Tests.Browser;

/// <summary>What the browser tests share: posting events, opening a page that fails on any script error, screenshots.</summary>
internal static class DashboardPages
{
    /// <summary>How long a figure may take to show (a deadline for a condition, not a sleep).</summary>
    public static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 10_000 };

    public static string Message(string id, string brand, string conversation, string direction, string timestamp, string channel = "twitter") =>
        $$"""{"id":"{{id}}","brand":"{{brand}}","channel":"{{channel}}","conversationId":"{{conversation}}","direction":"{{direction}}","timestamp":"{{timestamp}}"}""";

    /// <summary>Posts NDJSON lines and checks they were all accepted.</summary>
    public static async Task PostAsync(HttpClient http, params string[] lines)
    {
        using var content = new StringContent(string.Join('\n', lines));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var response = await http.PostAsync("api/events", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Contains($"\"accepted\":{lines.Length},", body);
    }

    /// <summary>
    /// Opens a page that records script errors, so a test can assert there were none. A test uses
    /// one page: those earlier tests left open are closed first. Each holds its live connection
    /// (an EventSource), and Chromium opens at most six connections to a host: a page opened after
    /// five others had its live connection but waited forever for its figures.
    /// </summary>
    public static async Task<(IPage Page, List<string> Errors)> OpenAsync(IBrowserContext browser, string path)
    {
        ArgumentNullException.ThrowIfNull(browser);
        foreach (var earlier in browser.Pages.ToList()) await earlier.CloseAsync();
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync(path);
        return (page, errors);
    }

    /// <summary>Makes a page take itself for hidden or shown (a headless page is always visible) and tells it so.</summary>
    public static Task SetVisibilityAsync(IPage page, string state) =>
        page.EvaluateAsync("state => { Object.defineProperty(document, 'visibilityState', { value: state, configurable: true }); document.dispatchEvent(new Event('visibilitychange')); }", state);

    /// <summary>Saves a screenshot (the whole page, or what the window shows) under tests/artifacts/browser.</summary>
    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(DashboardFixture.Artifacts, name + ".png"), FullPage = fullPage });

    /// <summary>A cell of the overview's row of a brand.</summary>
    public static ILocator Cell(IPage page, string brand, string field) =>
        page.Locator($"tr[data-brand='{brand}'] td[data-field='{field}']");

    /// <summary>A tile of a brand or conversation page.</summary>
    public static ILocator Tile(IPage page, string field) => page.Locator($".tile[data-field='{field}'] .tile-value");
}
