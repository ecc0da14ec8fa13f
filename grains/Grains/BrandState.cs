using Analytics.Models;

namespace Analytics.Grains;

/// <summary>What a brand persists: its settings, alert rules and the latest contribution of each conversation (panes are rebuilt from them).</summary>
[GenerateSerializer, Alias("analytics.BrandState")]
public sealed class BrandState
{
    /// <summary>Settings; null until changed from the defaults.</summary>
    [Id(0)] public BrandSettings? Settings { get; set; }

    /// <summary>Latest contribution per conversation and audience shard.</summary>
    [Id(1)] public List<Contribution> Contributions { get; set; } = [];

    /// <summary>Alert rules and webhooks; null until set.</summary>
    [Id(2)] public AlertRules? Alerts { get; set; }
}
