using Analytics.Models;
using Orleans.Concurrency;

namespace Analytics;

/// <summary>
/// Receives a brand's live figures (a silo's live hub implements it and fans them out to web
/// pages). A brand calls it at most once a second, and also without new events in live mode,
/// because waits grow with the clock.
/// </summary>
public interface IBrandObserver : IGrainObserver
{
    /// <summary>
    /// The brand's figures over all time at its current as-of. One-way: a slow or dead observer
    /// never holds up the brand; a dead one is dropped when it stops renewing its subscription.
    /// </summary>
    /// <param name="metrics">The brand's metrics, as <see cref="IBrandGrain.GetMetricsAsync"/> answers for all time.</param>
    [OneWay]
    Task OnBrandChangedAsync(BrandMetrics metrics);

    /// <summary>An entry of the brand's alert history as it is made (fired, resolved, dead letter). One-way.</summary>
    [OneWay]
    Task OnAlertAsync(Alert alert);
}
