using Microsoft.Playwright;
using static Analytics.Tests.Browser.DashboardPages;
using static Microsoft.Playwright.Assertions;

namespace Analytics.Tests.Browser;

/// <summary>A silo with no events yet (its own fixture, so no other test's brands show), and a lost connection.</summary>
public sealed class EmptyDashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Overview_NoBrands_ShowsEmptyStateAndLiveConnection()
    {
        var (page, errors) = await OpenAsync(fixture.Browser, "/");
        await Expect(page.Locator("[data-empty='brands']")).ToContainTextAsync("No brands yet", new() { Timeout = 10_000 });
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 10_000 });
        await Expect(page.Locator(".ref-num").First).ToHaveTextAsync("53%");
        Assert.Empty(errors);
        await ScreenshotAsync(page, "overview-empty");
    }

    [Fact]
    public async Task Overview_ConnectionLost_ShowsItPlainlyAndReconnects()
    {
        var (page, _) = await OpenAsync(fixture.Browser, "/");
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 10_000 });

        // The silo refuses the live stream for a while: the page must say so, then recover by itself.
        await page.RouteAsync("**/api/live", route => route.AbortAsync());
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('analytics:drop-live'))");
        await Expect(page.Locator("#banner")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(page.Locator("#connection")).Not.ToHaveAttributeAsync("data-status", "live");
        await ScreenshotAsync(page, "connection-lost");

        await page.UnrouteAsync("**/api/live");
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 30_000 });
        await Expect(page.Locator("#banner")).ToBeHiddenAsync();
    }
}
