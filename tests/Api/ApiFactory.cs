using Analytics.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Api;

/// <summary>The real silo host with the tests' settings (<see cref="ApiFactory.UseTestSettings"/>) and <paramref name="settings"/> over them.</summary>
public abstract class ConfiguredApiFactory(params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ApiFactory.UseTestSettings(builder);
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }
}

/// <summary>The real silo host (Orleans and the HTTP API in one process) on free ports, in replay mode.</summary>
public sealed class ApiFactory : ConfiguredApiFactory
{
    /// <summary>The test host's settings: replay mode, no demo feed, free Orleans ports (shared with the browser tests' host).</summary>
    internal static void UseTestSettings(IWebHostBuilder builder)
    {
        builder.UseSetting("Analytics:AsOf", "Replay");
        builder.UseSetting("Analytics:DemoFeed", "false");
        // Nothing kept on disk unless a test asks for it (appsettings.json keeps data/).
        builder.UseSetting("Analytics:DataDir", "");
        builder.UseSetting("Orleans:SiloPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Orleans:GatewayPort", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Waits (an event barrier) until every accepted event is reflected in the brands.</summary>
    public async Task CaughtUpAsync()
    {
        var ledger = Services.GetRequiredService<IGrainFactory>().GetGrain<IIngestLedgerGrain>(0);
        Assert.True(await ledger.WaitCaughtUpAsync(TimeSpan.FromSeconds(60)), "ingest did not catch up within 60 s");
    }
}
