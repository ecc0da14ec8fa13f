using System.Diagnostics;
using System.Globalization;
using Analytics.Tests.Api;
using Analytics.Tests.Reference;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Analytics.Tests.Browser.DashboardPages;
using static Microsoft.Playwright.Assertions;

namespace Analytics.Tests.Browser;

/// <summary>
/// The dashboard in a real browser against a real silo: figures posted through the API appear
/// on the page by server push, with the values METRICS-SPEC gives, without a reload. Replay
/// mode: the as-of is the latest event time, so every expected figure is computed by hand below.
/// </summary>
public sealed class DashboardBrowserTests(DashboardFixture fixture, ITestOutputHelper output) : IClassFixture<DashboardFixture>
{
    private static double Risk(double waitSeconds) => 0.56 * UnfollowCurve.F(waitSeconds);

    [Fact]
    public async Task Overview_DurationsJustUnderAUnit_ShownInThatUnit()
    {
        // c1 has waited 1,199.6 s at the as-of (10:20, c3's arrival) and c2 was answered after
        // 59.6 s: "20 min" and "1 min", rounded to the unit shown, never "19 min 60 s" or "60 s".
        var (page, errors) = await OpenAsync(fixture.Browser, "/");
        await PostAsync(fixture.Http,
            Message("k1", "Tick", "c1", "inbound", "2024-05-01T10:00:00.400Z"),
            Message("k2", "Tick", "c2", "inbound", "2024-05-01T10:00:00Z"),
            Message("k3", "Tick", "c2", "outbound", "2024-05-01T10:00:59.600Z"),
            Message("k4", "Tick", "c3", "inbound", "2024-05-01T10:20:00Z"));
        await Expect(Cell(page, "Tick", "opened")).ToHaveTextAsync("3", Soon);
        await Expect(Cell(page, "Tick", "oldestWaitSeconds")).ToHaveTextAsync("20 min");
        await Expect(Cell(page, "Tick", "frtP50")).ToHaveTextAsync("1 min");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task BrandPage_FiveOtherTabsHidden_GetsItsFiguresAndTheyResumeWhenShown()
    {
        // Chromium opens at most six connections to a host over plain HTTP. Five tabs holding their
        // live stream while hidden left a sixth tab one connection, taken by its own stream, and
        // none for its figures; hidden, they let their streams go.
        await PostAsync(fixture.Http, Message("t1", "Tabs", "c1", "inbound", "2024-05-01T10:00:00Z"));
        var (first, errors) = await OpenAsync(fixture.Browser, "/");
        var hidden = new List<IPage> { first };
        for (var i = 1; i < 5; i++)
        {
            hidden.Add(await fixture.Browser.NewPageAsync());
            await hidden[i].GotoAsync("/");
        }
        foreach (var tab in hidden)
        {
            await Expect(tab.Locator("#connection")).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 10_000 });
            await SetVisibilityAsync(tab, "hidden");
            await Expect(tab.Locator("#connection")).ToHaveAttributeAsync("data-status", "paused");
        }

        var sixth = await fixture.Browser.NewPageAsync();
        await sixth.GotoAsync("/#/brand/Tabs");
        await Expect(Tile(sixth, "opened")).ToHaveTextAsync("1", Soon);

        // Shown again, the first tab connects and follows the figures.
        await SetVisibilityAsync(first, "visible");
        await Expect(first.Locator("#connection")).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 10_000 });
        await PostAsync(fixture.Http, Message("t2", "Tabs", "c2", "inbound", "2024-05-01T10:05:00Z"));
        await Expect(Cell(first, "Tabs", "opened")).ToHaveTextAsync("2", Soon);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Overview_EventsPosted_FiguresChangeLiveWithoutReload()
    {
        var (page, errors) = await OpenAsync(fixture.Browser, "/");
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 10_000 });
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        // c1 answered after 90 s; c2 arrives at 10:10, the as-of: it has waited 0 s.
        await PostAsync(fixture.Http,
            Message("p1", "Pulse", "c1", "inbound", "2024-05-01T10:00:00Z"),
            Message("p2", "Pulse", "c1", "outbound", "2024-05-01T10:01:30Z"),
            Message("p3", "Pulse", "c2", "inbound", "2024-05-01T10:10:00Z"));
        var first = Stopwatch.StartNew();
        await Expect(Cell(page, "Pulse", "opened")).ToHaveTextAsync("2", Soon);
        first.Stop();
        await Expect(Cell(page, "Pulse", "responseRate")).ToHaveTextAsync("50.0%");
        await Expect(Cell(page, "Pulse", "slaRate")).ToHaveTextAsync("50.0%");
        await Expect(Cell(page, "Pulse", "frtP50")).ToHaveTextAsync("1 min 30 s");
        await Expect(Cell(page, "Pulse", "frtP90")).ToHaveTextAsync("1 min 30 s");
        await Expect(Cell(page, "Pulse", "backlog")).ToHaveTextAsync("1");
        await Expect(Cell(page, "Pulse", "oldestWaitSeconds")).ToHaveTextAsync("0 s");
        // 0.56 F(90) for c1, 0.56 F(0) = 0 for c2: 0.1404.
        await Expect(Cell(page, "Pulse", "expectedUnfollows")).ToHaveTextAsync("0.14");
        await Expect(Cell(page, "Pulse", "expectedAmplification")).ToHaveTextAsync("0.00");
        await ScreenshotAsync(page, "overview-1");

        // c2 answered at 10:20 (FRT 600 s, the as-of); c3 arrives at 10:15 and has waited 300 s.
        await PostAsync(fixture.Http,
            Message("p4", "Pulse", "c2", "outbound", "2024-05-01T10:20:00Z"),
            Message("p5", "Pulse", "c3", "inbound", "2024-05-01T10:15:00Z"));
        var second = Stopwatch.StartNew();
        await Expect(Cell(page, "Pulse", "opened")).ToHaveTextAsync("3", Soon);
        second.Stop();
        await Expect(Cell(page, "Pulse", "responseRate")).ToHaveTextAsync("66.7%");
        await Expect(Cell(page, "Pulse", "slaRate")).ToHaveTextAsync("66.7%");
        // Nearest rank over [90, 600]: p50 is the first, p90 the second.
        await Expect(Cell(page, "Pulse", "frtP50")).ToHaveTextAsync("1 min 30 s");
        await Expect(Cell(page, "Pulse", "frtP90")).ToHaveTextAsync("10 min");
        await Expect(Cell(page, "Pulse", "backlog")).ToHaveTextAsync("1");
        await Expect(Cell(page, "Pulse", "oldestWaitSeconds")).ToHaveTextAsync("5 min");
        var unfollows = Risk(90) + Risk(600) + Risk(300);
        await Expect(Cell(page, "Pulse", "expectedUnfollows")).ToHaveTextAsync(unfollows.ToString("0.00", CultureInfo.InvariantCulture));
        var exact = double.Parse(await Cell(page, "Pulse", "expectedUnfollows").GetAttributeAsync("data-value") ?? "", CultureInfo.InvariantCulture);
        Assert.Equal(unfollows, exact, 12);

        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");
        Assert.Empty(errors);
        await ScreenshotAsync(page, "overview-2");
        var note = $"event posted -> number changed on the page: {first.ElapsedMilliseconds} ms (first brand event), {second.ElapsedMilliseconds} ms (update)";
        output.WriteLine(note);
        await File.AppendAllTextAsync(Path.Combine(DashboardFixture.Artifacts, "latency.txt"), note + "\n");
    }

    [Fact]
    public async Task BrandPage_FromOverview_ShowsWindowsChannelsWaitingQueueAndConversation()
    {
        await PostAsync(fixture.Http,
            Message("q1", "Queue", "k1", "inbound", "2024-05-01T09:00:00Z"),
            Message("q2", "Queue", "k1", "outbound", "2024-05-01T09:02:00Z"),
            Message("q3", "Queue", "k2", "inbound", "2024-05-01T09:30:00Z", "facebook"),
            Message("q4", "Queue", "k3", "inbound", "2024-05-01T09:50:00Z"),
            Message("q5", "Queue", "k4", "inbound", "2024-05-01T09:55:00Z"),
            Message("q6", "Queue", "k4", "outbound", "2024-05-01T10:00:00Z"));
        var (page, errors) = await OpenAsync(fixture.Browser, "/");
        await page.Locator("tr[data-brand='Queue'] a").ClickAsync();

        // Last hour up to the as-of (10:00): [09:01, 10:01) holds k2, k3, k4 but not k1.
        await Expect(Tile(page, "opened")).ToHaveTextAsync("3", Soon);
        await Expect(Tile(page, "backlog")).ToHaveTextAsync("2");
        await Expect(Tile(page, "oldestWaitSeconds")).ToHaveTextAsync("30 min");
        await page.Locator("[data-window='24h']").ClickAsync();
        await Expect(Tile(page, "opened")).ToHaveTextAsync("4", Soon);
        await Expect(Tile(page, "responseRate")).ToHaveTextAsync("50.0%");
        await Expect(page.Locator("tr[data-channel]")).ToHaveCountAsync(2);
        await Expect(page.Locator("tr[data-channel='facebook'] td[data-field='opened']")).ToHaveTextAsync("1");
        await Expect(page.Locator(".uplot canvas")).ToHaveCountAsync(4);

        // Waiting now, longest wait (highest risk) first: k2 for 30 min, k3 for 10 min.
        var rows = page.Locator("table.waiting tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-conversation", "k2");
        await Expect(rows.Nth(0).Locator("td[data-field='waitingSeconds']")).ToHaveTextAsync("30 min");
        await Expect(rows.Nth(0).Locator("td[data-field='risk']")).ToHaveTextAsync((Risk(1800) * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-conversation", "k3");
        await ScreenshotAsync(page, "brand");

        // k3 answered at 10:05: the page follows by push, without a reload.
        await PostAsync(fixture.Http, Message("q7", "Queue", "k3", "outbound", "2024-05-01T10:05:00Z"));
        await Expect(rows).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(rows.Nth(0).Locator("td[data-field='waitingSeconds']")).ToHaveTextAsync("35 min");
        await Expect(Tile(page, "backlog")).ToHaveTextAsync("1");

        await rows.Nth(0).Locator("a").ClickAsync();
        await Expect(Tile(page, "status")).ToHaveTextAsync("pending", Soon);
        await Expect(Tile(page, "waitingSeconds")).ToHaveTextAsync("35 min");
        await Expect(page.Locator(".thread li")).ToHaveCountAsync(1);
        await Expect(page.Locator(".thread li.inbound")).ToHaveAttributeAsync("data-event", "q3");
        await ScreenshotAsync(page, "conversation");

        // A custom window [09:25, 09:52) holds k2 and k3 only.
        await page.Locator("nav.crumbs a[href='#/brand/Queue']").ClickAsync();
        await Expect(Tile(page, "opened")).ToHaveTextAsync("3", Soon);
        await page.Locator("[data-window='custom']").ClickAsync();
        await page.Locator("#custom [name=from]").FillAsync("2024-05-01T09:25");
        await page.Locator("#custom [name=to]").FillAsync("2024-05-01T09:52");
        await page.Locator("#custom button[type=submit]").ClickAsync();
        await Expect(Tile(page, "opened")).ToHaveTextAsync("2", Soon);
        await Expect(page.Locator("#window-note")).ToContainTextAsync("2024-05-01 09:25:00 UTC to 2024-05-01 09:52:00 UTC");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task BrandPage_RulesSavedInTheEditor_AlertAppearsAndResolvesWithoutReload()
    {
        await PostAsync(fixture.Http, Message("a1", "Alerting", "w1", "inbound", "2024-06-01T10:00:00Z"));
        // Applied before the page opens: a brand page opened before its brand holds an event is
        // answered 404 at first (it fills by push), and the browser logs that as an error.
        await fixture.Http.WaitCaughtUpAsync();
        var (page, errors) = await OpenAsync(fixture.Browser, "/#/brand/Alerting");
        await Expect(Tile(page, "backlog")).ToHaveTextAsync("1", Soon);
        // A second customer shown by push: the live hub follows this brand before the rules are set.
        await PostAsync(fixture.Http, Message("a2", "Alerting", "w2", "inbound", "2024-06-01T10:01:00Z"));
        await Expect(Tile(page, "backlog")).ToHaveTextAsync("2", Soon);
        await Expect(page.Locator("#alerts .empty")).ToBeVisibleAsync();

        await page.Locator("#rules textarea").FillAsync("""{"rules": [{"kind": "responseRateBelow", "threshold": 0.5, "windowSeconds": 3600, "minOpened": 2}]}""");
        await page.Locator("#rules button[type=submit]").ClickAsync();

        var fired = page.Locator("#alerts .alert[data-alert-state='fired']");
        await Expect(fired).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(fired).ToContainTextAsync("response rate 0% of the 2 conversations opened in the last 1 h, below 50%");
        await Expect(page.Locator("#rules [data-rules-status]")).ToContainTextAsync("saved");
        await ScreenshotAsync(page, "alerts");

        // Both answered a few minutes later (a later minute of event time): the alert resolves.
        await PostAsync(fixture.Http,
            Message("a3", "Alerting", "w1", "outbound", "2024-06-01T10:04:00Z"),
            Message("a4", "Alerting", "w2", "outbound", "2024-06-01T10:05:00Z"));
        await Expect(page.Locator("#alerts .alert[data-alert-state='resolved']")).ToHaveCountAsync(1, new() { Timeout = 10_000 });

        // A bad rule is refused with the field named, in the editor.
        await page.Locator("#rules textarea").FillAsync("""{"rules": [{"kind": "responseRateBelow", "threshold": 7, "windowSeconds": 3600}]}""");
        await page.Locator("#rules button[type=submit]").ClickAsync();
        await Expect(page.Locator("#rules [data-rules-status]")).ToContainTextAsync("rules[0].threshold must be a number from 0 to 1", new() { Timeout = 10_000 });

        // The overview's panel lists every brand's alerts.
        await page.GotoAsync("/#/");
        await Expect(page.Locator("#alerts .alert a", new() { HasText = "Alerting" })).ToHaveCountAsync(2, new() { Timeout = 10_000 });
        // The refused PUT is the only console error (the browser logs a failed request).
        Assert.DoesNotContain(errors, e => !e.Contains("400", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WhatCustomersSaid_ComplaintsCannedRepliesAndTheGap_OnThePages()
    {
        await PostAsync(fixture.Http, Api.ConversationTextTests.Conversations("WordsCo").Split('\n'));
        var (page, errors) = await OpenAsync(fixture.Browser, "/");
        var row = page.Locator("tr[data-brand='WordsCo']");
        // Two conversations, one a complaint answered in 20 min (within its hour), both with one template.
        await Expect(row.Locator("td[data-field='complaintSlaRate']")).ToHaveTextAsync("100.0%", Soon);

        await Expect(row.Locator("td[data-field='engagementGap']")).Not.ToHaveTextAsync("–");
        await Expect(page.Locator("[data-overall='engagementGap']")).Not.ToHaveTextAsync("–");
        await row.Locator("a").ClickAsync();
        await page.Locator("[data-window='7d']").ClickAsync();
        await Expect(Tile(page, "complaints")).ToHaveTextAsync("1", Soon);
        await Expect(Tile(page, "cannedShare")).ToHaveTextAsync("100.0%");
        await Expect(Tile(page, "followUpRateCanned")).ToHaveTextAsync("50.0%");
        await Expect(Tile(page, "observedUnfollows")).ToHaveTextAsync("1");
        await Expect(page.Locator(".tile[data-field='calibratedPUnfollow'] .hint")).ToContainTextAsync("90% interval");
        await ScreenshotAsync(page, "brand-text");

        await page.GotoAsync("/#/brand/WordsCo/conversation/a");
        var messages = page.Locator(".thread li");
        await Expect(messages).ToHaveCountAsync(3, new() { Timeout = 10_000 });
        await Expect(messages.Nth(0).Locator(".text")).ToHaveTextAsync("My parcel still hasn't arrived, this is ridiculous");
        await Expect(messages.Nth(0).Locator(".badge")).ToHaveTextAsync("complaint");
        await Expect(messages.Nth(1).Locator("b").First).ToHaveTextAsync("WordsCo");
        await Expect(messages.Nth(2).Locator(".badge")).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "conversation-text");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task BrandPage_UnknownBrand_SaysSoPlainly()
    {
        var (page, _) = await OpenAsync(fixture.Browser, "/#/brand/NobodyHere");
        await Expect(page.Locator("#error [role=alert]")).ToContainTextAsync("No events for brand \"NobodyHere\" yet", new() { Timeout = 10_000 });
    }
}
