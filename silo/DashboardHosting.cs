using Analytics.Hosting;
using Analytics.Silo.Demo;
using Analytics.Silo.Live;
using Analytics.Silo.Observability;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

namespace Analytics.Silo;

/// <summary>
/// What the silo host adds for people and operators: the live web dashboard (static page, live
/// push, demo feed), the Orleans Dashboard, and the engine's metrics. One place, so the host's
/// Program stays a list of parts.
/// </summary>
public static class DashboardHosting
{
    /// <summary>Configuration key of the demo feed switch (true in appsettings.json, false in tests).</summary>
    public const string DemoFeedKey = "Analytics:DemoFeed";

    /// <summary>Configuration key of the Orleans Dashboard switch (default true).</summary>
    public const string OrleansDashboardKey = "Analytics:OrleansDashboard";

    /// <summary>Whether the silo serves the Orleans Dashboard at /dashboard (<see cref="OrleansDashboardKey"/>).</summary>
    public static bool OrleansDashboard(IConfiguration configuration) => configuration.GetValue(OrleansDashboardKey, true);

    /// <summary>Registers live push, monitoring, metrics export and (when <see cref="DemoFeedKey"/> is true, in embedded mode) the demo feed.</summary>
    public static WebApplicationBuilder AddLiveDashboard(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LiveHub>();
        builder.Services.AddHostedService(s => s.GetRequiredService<LiveHub>());
        builder.Services.AddSingleton<EngineMonitor>();
        builder.Services.AddHostedService(s => s.GetRequiredService<EngineMonitor>());
        builder.Services.AddSingleton<Instrumentation>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            // System.Runtime: the process' CPU time, allocation and collections, which operators and
            // the cluster benchmark read per event.
            .AddMeter(Instrumentation.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime")
            .AddPrometheusExporter());

        builder.Services.Configure<DemoFeedOptions>(builder.Configuration.GetSection("Analytics"));
        // Embedded mode only: in cluster mode (Analytics:Redis set) every silo would run its own copy
        // of the feed into one shared engine.
        var clustered = AnalyticsOptions.From(builder.Configuration).Mode == EngineMode.Cluster;
        if (builder.Configuration.GetValue<bool>(DemoFeedKey) && !clustered) builder.Services.AddHostedService<DemoFeed>();
        return builder;
    }

    /// <summary>Serves the page at /, live push at /api/live, metrics at /metrics and the Orleans Dashboard at /dashboard.</summary>
    public static WebApplication MapLiveDashboard(this WebApplication app)
    {
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapGet("/api/live", LiveEndpoint.HandleAsync)
            .WithSummary("Server-sent events: a 'brand' event (an item of GET /api/brands) whenever a brand's figures change, at most once a second per brand")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        app.MapPrometheusScrapingEndpoint("/metrics");
        if (OrleansDashboard(app.Configuration)) app.MapOrleansDashboard("/dashboard");
        return app;
    }
}
