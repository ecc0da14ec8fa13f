using Analytics.Domain.Packing;
using Analytics.Grains;
using Analytics.Models;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Analytics.Client.Benchmarks;

/// <summary>
/// The live floor: conversation and brand grains that do no metric work and keep no state, put
/// in place of the engine's own in a silo of their own (<see cref="Install"/>). Events take the
/// same way (ingest, stream, router, one call per conversation, one per brand, the applied count),
/// so the engine's live rate divided by this one's is what its work costs.
/// </summary>
internal static class NoOpGrains
{
    /// <summary>Replaces the engine's conversation and brand grain classes by the no-op ones.</summary>
    public static void Install(IServiceCollection services) =>
        services.PostConfigure<GrainTypeOptions>(o =>
        {
            o.Classes.Remove(typeof(ConversationGrain));
            o.Classes.Remove(typeof(BrandGrain));
            o.Classes.Add(typeof(NoOpConversationGrain));
            o.Classes.Add(typeof(NoOpBrandGrain));
        });

    /// <summary>
    /// Takes any batch as added and answers one shared contribution, so the router still calls the
    /// brand. Deactivates after each call when the engine's conversations would (the idle floor).
    /// </summary>
    internal sealed class NoOpConversationGrain(Microsoft.Extensions.Options.IOptions<Analytics.Hosting.AnalyticsOptions> options) : Grain, IConversationGrain
    {
        private static readonly byte[] Nothing = PackedContribution.Pack(new Contribution("", -1, 1, 0, null, null, []), ChannelTable.Shared);

        public Task<AddResult> AddAsync(ConversationEvent[] events)
        {
            if (options.Value.ConversationCollectionAge == TimeSpan.Zero) DeactivateOnIdle();
            return Task.FromResult(new AddResult(Nothing, ChannelTable.Shared.Names(), events.Length, 0, 0));
        }

        public Task<ConversationView> GetViewAsync() => throw new NotSupportedException("the live floor keeps no events");
    }

    /// <summary>Takes contributions without looking at them.</summary>
    internal sealed class NoOpBrandGrain : Grain, IBrandGrain
    {
        public Task<int> ApplyAsync(Contribution[] contributions) => Task.FromResult(contributions.Length);

        public Task<int> ApplyPackedAsync(PackedContributions batch) => Task.FromResult(batch.Count);

        public Task<BrandMetrics> GetMetricsAsync(MetricsQuery query) => throw Unsupported();

        public Task<ConversationSummary[]> GetConversationsAsync(ConversationFilter filter, int limit) => throw Unsupported();

        public Task<BrandClock> GetClockAsync() => throw Unsupported();

        public Task<BrandSettings> GetSettingsAsync() => throw Unsupported();

        public Task SetSettingsAsync(BrandSettings settings) => throw Unsupported();

        public Task<BrandSeries> GetSeriesAsync(SeriesQuery query) => throw Unsupported();

        public Task SubscribeAsync(IBrandObserver observer) => throw Unsupported();

        public Task UnsubscribeAsync(IBrandObserver observer) => throw Unsupported();

        public Task<AlertRules> GetAlertRulesAsync() => throw Unsupported();

        public Task SetAlertRulesAsync(AlertRules rules) => throw Unsupported();

        public Task<Alert[]> GetAlertHistoryAsync(int limit) => throw Unsupported();

        public Task RecordDeadLetterAsync(Alert deadLetter) => throw Unsupported();

        private static NotSupportedException Unsupported() => new("the live floor computes no figures");
    }
}
