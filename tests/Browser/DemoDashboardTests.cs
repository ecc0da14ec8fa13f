using Microsoft.Playwright;
using static Analytics.Tests.Browser.DashboardPages;
using static Microsoft.Playwright.Assertions;

namespace Analytics.Tests.Browser;

/// <summary>
/// What a new user sees after the run command: the demo feed's dozen brands, moving. The
/// screenshots it leaves are the ones the README shows (docs/dashboard*.png are copies).
/// </summary>
public sealed class DemoDashboardTests(DemoDashboardFixture fixture) : IClassFixture<DemoDashboardFixture>
{
    [Fact]
    public async Task Overview_DemoFeedOn_ShowsADozenBrandsMovingWithinSeconds()
    {
        var (page, errors) = await OpenAsync(fixture.Browser, "/");
        var rows = page.Locator("table.board tbody tr");
        await Expect(rows).ToHaveCountAsync(12, new() { Timeout = 30_000 });

        // Live mode: waits grow with the clock, so the longest wait of some brand changes on screen without any reload.
        var before = await page.Locator("td[data-field='oldestWaitSeconds']").AllTextContentsAsync();
        await page.WaitForFunctionAsync(
            "before => [...document.querySelectorAll(\"td[data-field='oldestWaitSeconds']\")].some((td, i) => td.textContent !== before[i])",
            before, new() { Timeout = 15_000 });
        Assert.Empty(errors);
        await ScreenshotAsync(page, "demo-overview", fullPage: false);

        await rows.First.Locator("a").ClickAsync();
        await Expect(page.Locator(".tile[data-field='opened'] .tile-value")).Not.ToHaveTextAsync("0", new() { Timeout = 15_000 });
        await Expect(page.Locator("table.waiting tbody tr").First).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.Locator(".uplot canvas")).ToHaveCountAsync(4);
        Assert.Empty(errors);
        await ScreenshotAsync(page, "demo-brand", fullPage: false);
        await ScreenshotAsync(page, "demo-brand-full");
    }

    [Fact]
    public async Task OrleansDashboard_Open_ShowsTheEnginesGrains()
    {
        var (page, _) = await OpenAsync(fixture.Browser, "/dashboard/");
        await Expect(page.GetByText("BrandGrain").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await ScreenshotAsync(page, "orleans-dashboard", fullPage: false);
    }
}
