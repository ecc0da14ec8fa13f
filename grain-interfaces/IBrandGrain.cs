using Orleans.Concurrency;
using Analytics.Models;

namespace Analytics;

/// <summary>
/// One brand, keyed by its name: per-minute panes of its conversations' contributions.
/// Reads are [AlwaysInterleave]: every method changes the brand synchronously, between awaits,
/// so a read never sees half a change, and a dashboard's query need not queue behind the
/// contribution batches that routers send under load.
/// </summary>
public interface IBrandGrain : IGrainWithStringKey
{
    /// <summary>Takes a batch of conversation contributions; older versions than those held are ignored.</summary>
    /// <returns>The number of contributions that changed the brand.</returns>
    Task<int> ApplyAsync(Contribution[] contributions);

    /// <summary>Takes a batch of packed conversation contributions (the history import's), as <see cref="ApplyAsync"/> does.</summary>
    /// <returns>The number of contributions that changed the brand.</returns>
    Task<int> ApplyPackedAsync(PackedContributions batch);

    /// <summary>The brand's metrics for a window.</summary>
    [AlwaysInterleave]
    Task<BrandMetrics> GetMetricsAsync(MetricsQuery query);

    /// <summary>Customer conversations behind a number: waiting ones (status null and waiting=true) sorted by risk, or those of one status.</summary>
    /// <param name="filter">Which conversations.</param>
    /// <param name="limit">At most this many.</param>
    [AlwaysInterleave]
    Task<ConversationSummary[]> GetConversationsAsync(ConversationFilter filter, int limit);

    /// <summary>The as-of and settings a conversation needs to judge itself.</summary>
    [AlwaysInterleave]
    Task<BrandClock> GetClockAsync();

    /// <summary>The brand's settings.</summary>
    [AlwaysInterleave]
    Task<BrandSettings> GetSettingsAsync();

    /// <summary>Changes the brand's settings; every figure is recomputed from the held contributions.</summary>
    Task SetSettingsAsync(BrandSettings settings);

    /// <summary>The brand's alert rules and webhooks (secrets included: the API hides them).</summary>
    [AlwaysInterleave]
    Task<AlertRules> GetAlertRulesAsync();

    /// <summary>Replaces the brand's alert rules and webhooks (validated by the caller); every rule starts afresh. A webhook without a secret keeps the secret held for its address.</summary>
    Task SetAlertRulesAsync(AlertRules rules);

    /// <summary>The newest entries of the brand's alert history (fired, resolved, dead letters), newest first.</summary>
    /// <param name="limit">At most this many.</param>
    [AlwaysInterleave]
    Task<Alert[]> GetAlertHistoryAsync(int limit);

    /// <summary>Records that a webhook never took an alert (from the silo's dispatcher).</summary>
    Task RecordDeadLetterAsync(Alert deadLetter);

    /// <summary>The brand's figures per bucket of minutes, for charts.</summary>
    [AlwaysInterleave]
    Task<BrandSeries> GetSeriesAsync(SeriesQuery query);

    /// <summary>
    /// Subscribes an observer to the brand's live figures, or renews its subscription; the brand
    /// answers with its current figures at once. A subscription not renewed within
    /// <see cref="BrandObservers.Expiry"/> lapses (the brand may also have been deactivated: renewing re-creates it).
    /// </summary>
    Task SubscribeAsync(IBrandObserver observer);

    /// <summary>Ends an observer's subscription.</summary>
    Task UnsubscribeAsync(IBrandObserver observer);
}
