using Analytics.Tests.Api;
using Microsoft.AspNetCore.Hosting;

namespace Analytics.Tests.Browser;

/// <summary>The silo as `dotnet run` starts it: live as-of mode and the demo feed on (with a short history, to keep the test light).</summary>
public sealed class DemoDashboardFixture : DashboardFixture
{
    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        ApiFactory.UseTestSettings(builder);
        builder.UseSetting("Analytics:AsOf", "Live");
        builder.UseSetting("Analytics:DemoFeed", "true");
        builder.UseSetting("Analytics:DemoFeedHistory", "00:20:00");
    }
}
