using Analytics.Models;
using Analytics.Reporting;
using Analytics.Silo.Alerts;
using Microsoft.Extensions.Options;
using static Analytics.Silo.Api.AnalyticsApi;

namespace Analytics.Silo.Api;

/// <summary>Alert rules and histories: /api/brands/{brand}/alerts, its history, and the newest alerts of every brand.</summary>
internal static class AlertsEndpoints
{
    /// <summary>Maps the alert endpoints under <paramref name="api"/>.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/brands/{brand}/alerts", RulesAsync).WithSummary("A brand's alert rules and webhooks (secrets are never answered: hasSecret says whether one is held)");
        api.MapPut("/brands/{brand}/alerts", ChangeRulesAsync)
            .WithSummary("Replaces a brand's alert rules and webhooks ({rules: [{kind, ...}], webhooks: [{url, secret}]}, JSON); 400 names the bad field. A webhook without a secret keeps the one held for its url");
        api.MapGet("/brands/{brand}/alerts/history", HistoryAsync).WithSummary("A brand's alerts (fired, resolved, dead letters), newest first; limit (default 50, at most 1000)");
        api.MapGet("/alerts", NewestAsync).WithSummary("The newest alerts of every brand the caller sees, newest first; limit (default 50, at most 1000)");
    }

    private static async Task<IResult> RulesAsync(IGrainFactory grains, string brand) =>
        await KnownAsync(grains, brand)
            ? Results.Json(AlertRulesView.Of(await grains.GetGrain<IBrandGrain>(brand).GetAlertRulesAsync()), AlertView.Json)
            : UnknownBrand(brand);

    private static async Task<IResult> ChangeRulesAsync(IGrainFactory grains, IOptions<AlertOptions> options, string brand, HttpRequest request)
    {
        var (rules, error) = await AlertRulesView.ParseAsync(request.Body, options.Value.AllowPrivateTargets, request.HttpContext.RequestAborted);
        if (rules is null) return BadRequest(error);
        if (!await KnownAsync(grains, brand)) return UnknownBrand(brand);
        var grain = grains.GetGrain<IBrandGrain>(brand);
        await grain.SetAlertRulesAsync(rules);
        return Results.Json(AlertRulesView.Of(await grain.GetAlertRulesAsync()), AlertView.Json);
    }

    private static async Task<IResult> HistoryAsync(IGrainFactory grains, string brand, string? limit)
    {
        var (max, error) = QueryParameters.Limit(limit);
        if (error is not null) return BadRequest(error);
        if (!await KnownAsync(grains, brand)) return UnknownBrand(brand);
        var alerts = await grains.GetGrain<IBrandGrain>(brand).GetAlertHistoryAsync(max);
        return Results.Json(alerts.Select(AlertView.Of), AlertView.Json);
    }

    private static async Task<IResult> NewestAsync(IGrainFactory grains, HttpContext context, string? limit)
    {
        var (max, error) = QueryParameters.Limit(limit);
        if (error is not null) return BadRequest(error);
        var caller = Security.ApiCaller.Of(context);
        var brands = (await grains.GetGrain<IBrandDirectoryGrain>(0).GetBrandsAsync()).Where(caller.Sees);
        var histories = await Task.WhenAll(brands.Select(b => grains.GetGrain<IBrandGrain>(b).GetAlertHistoryAsync(max)));
        // Newest first by the brands' clocks, then by id for a stable order.
        var newest = histories.SelectMany(h => h).OrderByDescending(a => a.At).ThenBy(a => a.Id, StringComparer.Ordinal).Take(max);
        return Results.Json(newest.Select(AlertView.Of), AlertView.Json);
    }
}
