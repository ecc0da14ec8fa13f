using Analytics.Hosting;
using Analytics.Silo;
using Analytics.Silo.Alerts;
using Analytics.Silo.Api;
using Analytics.Silo.Security;
using Orleans.Dashboard;
using Scalar.AspNetCore;

// The content root (appsettings.json, the page) is the directory the silo starts in, as usual, when
// it holds appsettings.json (dotnet run, a published folder); started from elsewhere (the scripts
// run bin/.../Analytics.Silo.dll from the repository root) it is the app's own folder, so the
// same settings and page apply wherever it is started from.
var startedInAppFolder = File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"));
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = startedInAppFolder ? null : AppContext.BaseDirectory,
});
// A build's output has no wwwroot of its own: its static web assets manifest maps the page to the
// project's (which dotnet run uses in Development only).
if (!startedInAppFolder) builder.WebHost.UseStaticWebAssets();
// The ecosystem's ways of choosing addresses (--urls, ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS, Urls)
// win; the engine's own default applies only when none is given. (A Urls key in appsettings.json
// would override ASPNETCORE_URLS, which containers and hosting docs rely on.)
if (new[] { "urls", "http_ports", "https_ports" }.All(key => string.IsNullOrWhiteSpace(builder.Configuration[key])))
{
    builder.WebHost.UseUrls("http://localhost:5080");
}
// A stream read canceled while the silo stops is logged by Orleans as an error; it is none.
builder.Logging.DropCanceledStreamReads();
builder.UseOrleans(silo =>
{
    silo.UseAnalyticsClustering(builder.Configuration).AddAnalytics(builder.Configuration);
    if (DashboardHosting.OrleansDashboard(builder.Configuration)) silo.AddDashboard();
});
builder.WebHost.ConfigureKestrel(kestrel =>
    kestrel.Limits.MaxRequestBodySize = builder.Configuration.GetValue<long?>("Analytics:MaxBodyBytes") ?? ApiLimits.DefaultMaxBodyBytes);
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks();
builder.AddLiveDashboard();
builder.AddApiSecurity();
builder.AddAlerts();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict);

var app = builder.Build();
app.UseApiSecurity();
app.MapOpenApi();
app.MapScalarApiReference("/api/docs");
app.MapHealthChecks("/health");
app.MapAnalyticsApi();
app.MapLiveDashboard();
app.Run();

/// <summary>The silo host's entry point, visible to the test host.</summary>
public partial class Program;
