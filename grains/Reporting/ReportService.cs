using Analytics.Models;

namespace Analytics.Reporting;

/// <summary>Asks every brand grain for one window and assembles the report.</summary>
public static class ReportService
{
    /// <summary>The whole report for a window.</summary>
    public static async Task<ReportView> BuildAsync(IGrainFactory grains, MetricsQuery query)
    {
        var brands = await grains.GetGrain<IBrandDirectoryGrain>(0).GetBrandsAsync();
        var metrics = await Task.WhenAll(brands.Select(b => grains.GetGrain<IBrandGrain>(b).GetMetricsAsync(query)));
        return Views.Report(metrics);
    }
}
