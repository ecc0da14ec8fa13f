namespace Analytics.Hosting;

/// <summary>Engine settings, bound from the "Analytics" configuration section.</summary>
public sealed class AnalyticsOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Analytics";

    /// <summary>
    /// Live: the as-of follows the wall clock (max of the latest event and now minus
    /// <see cref="AllowedLateness"/>), so waits grow while nothing arrives. Replay: the as-of is
    /// the latest event time, so a report depends on the events alone.
    /// </summary>
    public AsOfMode AsOf { get; set; } = AsOfMode.Replay;

    /// <summary>How far behind the wall clock events may arrive in live mode.</summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Ingest streams (and router grains) that batches are spread over.</summary>
    public int Partitions { get; set; } = 8;

    /// <summary>Most events in one stream batch.</summary>
    public int BatchSize { get; set; } = 4096;

    /// <summary>Longest time a small ingest waits for company before its batch is published.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>True when grain state lives in durable storage (cluster mode), false for in-memory storage.</summary>
    public bool DurableStorage { get; set; }

    /// <summary>How often a brand writes its state when it changed.</summary>
    public TimeSpan BrandPersistInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a conversation grain stays active without calls. Most conversations go quiet
    /// within minutes; their state is kept in storage and a late reply reactivates them, so
    /// memory follows the conversations in progress rather than all conversations ever seen.
    /// </summary>
    public TimeSpan ConversationCollectionAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Benchmark floor: conversation and brand grains take their calls and do no metric work, so
    /// the same parsing, routing, batching and grain calls show what the pipeline alone costs.
    /// </summary>
    public bool NoOpGrains { get; set; }
}

/// <summary>How a brand's as-of is chosen (METRICS-SPEC section 3).</summary>
public enum AsOfMode
{
    /// <summary>The latest event time of the brand.</summary>
    Replay,
    /// <summary>The latest event time or the wall clock minus the allowed lateness, whichever is later.</summary>
    Live,
}
