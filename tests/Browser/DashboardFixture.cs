using Analytics.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Analytics.Tests.Browser;

/// <summary>
/// The silo host on a real Kestrel port (a browser cannot reach the in-memory test server), in
/// replay mode without the demo feed, and Debian's headless Chromium with a fresh profile. The
/// browser is never downloaded: Playwright drives /usr/bin/chromium (test.sh installs it).
/// </summary>
public class DashboardFixture : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private readonly Host host;
    private readonly string profile = Path.Combine(Path.GetTempPath(), "analytics-chromium-" + Guid.NewGuid().ToString("N"));
    private IPlaywright? playwright;
    private IBrowserContext? browser;

    public DashboardFixture() => host = new Host(ConfigureHost);

    /// <summary>The host's settings: those of the API tests (replay mode, no demo feed); a subclass may add its own.</summary>
    protected virtual void ConfigureHost(IWebHostBuilder builder) => ApiFactory.UseTestSettings(builder);

    /// <summary>Where the silo listens, e.g. http://127.0.0.1:43121/.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>A client of the silo's HTTP API.</summary>
    public HttpClient Http { get; private set; } = new();

    /// <summary>The browser (one profile for the fixture; each test opens its own pages).</summary>
    public IBrowserContext Browser => browser ?? throw new InvalidOperationException("browser not started");

    /// <summary>Folder of screenshots and other artifacts: tests/artifacts/browser (git-ignored).</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "tests", "artifacts", "browser")).FullName;

    public virtual async Task InitializeAsync()
    {
        host.UseKestrel(0);
        host.StartServer();
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/");
        Http = new HttpClient { BaseAddress = BaseAddress };

        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium package (test.sh does)");
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            BaseURL = BaseAddress.ToString(),
        });
    }

    public virtual async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        Http.Dispose();
        await host.DisposeAsync();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be releasing its profile; a temp folder left behind is harmless.
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Analytics.sln"))) return dir.FullName;
        }
        return AppContext.BaseDirectory;
    }

    private sealed class Host(Action<IWebHostBuilder> configure) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder) => configure(builder);
    }
}
