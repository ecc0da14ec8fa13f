using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Silo.Api;

/// <summary>The HTTP API: ingest, metrics, report, conversations, settings. Field names are those of METRICS-SPEC.</summary>
public static class AnalyticsApi
{
    /// <summary>Maps every endpoint under /api.</summary>
    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/events", IngestEndpoint.HandleAsync)
            .WithSummary("Ingest NDJSON events (METRICS-SPEC section 1; firstLine= numbers the body's lines as a part of a file), or a whole twcs.csv file as text/csv (section 7); answers accepted, duplicates and every rejected line with its reason")
            // Any other content type is read as NDJSON (curl's default form type included): a
            // declared list would answer 415 with an empty body to a client that forgot -H.
            .WithDescription("Content-Type text/csv: a twcs.csv file; anything else (application/x-ndjson, application/json, text/plain, none): NDJSON.");
        api.MapGet("/ingest/status", (IGrainFactory grains) => grains.GetGrain<IIngestLedgerGrain>(0).GetStatusAsync())
            .WithSummary("Cluster-wide ingest counters: accepted, applied, rejected by reason, duplicates");
        api.MapGet("/ingest/caught-up", CaughtUpAsync)
            .WithSummary("Waits up to waitSeconds (default 0, at most 60) until every accepted event is reflected in the brands; answers {caughtUp}. In cluster mode judged by the durable queue, so it holds across silo restarts");
        // The response types are declared so that the OpenAPI document lists every field of the metrics.
        api.MapGet("/brands", BrandsAsync).WithSummary("Brands with headline metrics over all time").Produces<BrandSummaryView[]>();
        api.MapGet("/brands/{brand}/metrics", BrandMetricsAsync).WithSummary("A brand's metrics for a window [from, to) of whole UTC minutes, optionally one channel").Produces<BrandView>();
        api.MapGet("/brands/{brand}/series", SeriesEndpoint.HandleAsync).WithSummary("A brand's figures per bucket of minutes (columns of the spec's fields), for charts; window defaults to the hour up to its as-of");
        api.MapGet("/report", ReportAsync).WithSummary("The whole report: every brand and the overall total, for a window").Produces<ReportView>();
        api.MapGet("/brands/{brand}/conversations", ConversationsAsync).WithSummary("Conversations behind a number: waiting (by risk), pending, unanswered or responded");
        api.MapGet("/brands/{brand}/conversations/{conversationId}", ConversationAsync).WithSummary("One conversation: its events in order (author and text when kept) and its summary").Produces<ConversationDetailView>();
        api.MapGet("/brands/{brand}/settings", SettingsAsync).WithSummary("A brand's horizon, SLA, pUnfollow, complaint SLA and risk source").Produces<SettingsView>();
        api.MapPut("/brands/{brand}/settings", ChangeSettingsAsync).WithSummary("Changes a brand's settings ({horizonSeconds, slaSeconds, pUnfollow, complaintSlaSeconds?, calibratedRisk?}, JSON); every figure is recomputed").Produces<SettingsView>();
        AlertsEndpoints.Map(api);
        return app;
    }

    private static readonly TimeSpan WaitSlice = TimeSpan.FromSeconds(10);

    private static async Task<IResult> CaughtUpAsync(IGrainFactory grains, string? waitSeconds)
    {
        if (!double.TryParse(waitSeconds ?? "0", System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds is < 0 or > 60)
        {
            return BadRequest("waitSeconds must be a number from 0 to 60");
        }
        // One grain call may not outlast Orleans' response timeout (30 s): wait in slices.
        var ledger = grains.GetGrain<IIngestLedgerGrain>(0);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            var slice = left < WaitSlice ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : WaitSlice;
            if (await ledger.WaitCaughtUpAsync(slice)) return Results.Ok(new CaughtUpView(true));
            if (DateTime.UtcNow >= deadline) return Results.Ok(new CaughtUpView(false));
        }
    }

    private static async Task<IResult> BrandsAsync(IGrainFactory grains, HttpContext context)
    {
        var caller = Security.ApiCaller.Of(context);
        var names = (await grains.GetGrain<IBrandDirectoryGrain>(0).GetBrandsAsync()).Where(caller.Sees);
        var metrics = await Task.WhenAll(names.Select(b => grains.GetGrain<IBrandGrain>(b).GetMetricsAsync(MetricsQuery.All)));
        return Results.Ok(metrics.Select(BrandSummaryView.Of));
    }

    private static async Task<IResult> BrandMetricsAsync(IGrainFactory grains, string brand, string? from, string? to, string? channel)
    {
        var (query, error) = QueryParameters.Window(from, to, channel);
        if (query is null) return BadRequest(error);
        if (!await KnownAsync(grains, brand)) return UnknownBrand(brand);
        var metrics = await grains.GetGrain<IBrandGrain>(brand).GetMetricsAsync(query);
        return metrics.AsOf is null ? UnknownBrand(brand) : Results.Ok(Views.Brand(metrics));
    }

    private static async Task<IResult> ReportAsync(IGrainFactory grains, string? from, string? to)
    {
        var (query, error) = QueryParameters.Window(from, to);
        return query is null ? BadRequest(error) : Results.Ok(await ReportService.BuildAsync(grains, query));
    }

    private static async Task<IResult> ConversationsAsync(IGrainFactory grains, string brand, string? status, string? limit)
    {
        var (filter, statusError) = QueryParameters.Status(status);
        if (statusError is not null) return BadRequest(statusError);
        var (max, limitError) = QueryParameters.Limit(limit);
        if (limitError is not null) return BadRequest(limitError);
        if (!await KnownAsync(grains, brand)) return UnknownBrand(brand);
        var grain = grains.GetGrain<IBrandGrain>(brand);
        var clock = await grain.GetClockAsync();
        if (clock.AsOf is null) return UnknownBrand(brand);
        var rows = await grain.GetConversationsAsync(filter, max);
        return Results.Ok(rows.Select(r => ConversationRowView.Of(r, clock.AsOf)));
    }

    private static async Task<IResult> ConversationAsync(IGrainFactory grains, string brand, string conversationId)
    {
        if (!await KnownAsync(grains, brand)) return UnknownBrand(brand);
        var view = await grains.GetGrain<IConversationGrain>(GrainKeys.Conversation(brand, conversationId)).GetViewAsync();
        return view.Events.Length == 0
            ? Results.NotFound(new ErrorView($"no conversation '{conversationId}' for brand '{brand}'"))
            : Results.Ok(ConversationDetailView.Of(view));
    }

    private static async Task<IResult> SettingsAsync(IGrainFactory grains, string brand) =>
        await KnownAsync(grains, brand)
            ? Results.Ok(SettingsView.Of(await grains.GetGrain<IBrandGrain>(brand).GetSettingsAsync()))
            : UnknownBrand(brand);

    private static async Task<IResult> ChangeSettingsAsync(IGrainFactory grains, string brand, HttpRequest request)
    {
        var (settings, error) = await SettingsView.ParseAsync(request.Body, request.HttpContext.RequestAborted);
        if (settings is null) return BadRequest(error);
        if (!await KnownAsync(grains, brand)) return UnknownBrand(brand);
        await grains.GetGrain<IBrandGrain>(brand).SetSettingsAsync(settings);
        return Results.Ok(SettingsView.Of(settings));
    }

    /// <summary>
    /// Whether the brand has received events, asked of the brand directory before a brand grain is
    /// touched: a request for a brand that does not exist must not create (and keep) one.
    /// </summary>
    internal static Task<bool> KnownAsync(IGrainFactory grains, string brand) => grains.GetGrain<IBrandDirectoryGrain>(0).ContainsAsync(brand);

    internal static IResult UnknownBrand(string brand) => Results.NotFound(new ErrorView($"unknown brand '{brand}': no events received for it"));

    internal static IResult BadRequest(string? message) => Results.BadRequest(new ErrorView(message ?? "bad request"));
}

/// <summary>Whether ingest has caught up.</summary>
public sealed record CaughtUpView(bool CaughtUp);

/// <summary>An error answer.</summary>
public sealed record ErrorView(string Error);
