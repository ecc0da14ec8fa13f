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

    /// <summary>
    /// Keep each message's author and text, for the conversation view. False (for privacy) drops
    /// them where events enter the engine, before they are logged, queued or stored; what was
    /// derived from them at ingest (complaints, canned-reply keys, the author's key) stays.
    /// </summary>
    public bool KeepText { get; set; } = true;

    /// <summary>
    /// Live mode: an event more than this ahead of the silo's clock is rejected ("timestamp in the
    /// future"). Its time would become the brand's as-of and age every waiting customer into a
    /// stale wait at once, and a later event could not take it back. Replay mode takes any time.
    /// </summary>
    public TimeSpan MaxFutureSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Ingest streams (and router grains) that batches are spread over; unset, the mode's default
    /// (<see cref="PartitionCount"/>).
    /// </summary>
    public int? Partitions { get; set; }

    /// <summary>
    /// <see cref="Partitions"/>, or 8 in embedded mode and 32 in cluster mode. A cluster router's
    /// batch waits for its silo's next commit to Redis, so more routers keep more batches in
    /// flight, and a commit gathers more of them (a conversation that several touch is written
    /// once): a replay through one silo ran 11-15% faster with 32 than with 8, at 2 us less CPU per
    /// event. Embedded live ingest is faster with fewer, fuller batches per router.
    /// </summary>
    public int PartitionCount => Partitions ?? (Mode == EngineMode.Cluster ? 32 : 8);

    /// <summary>
    /// Most events in one stream batch. Small enough that a batch's bytes (about 60 per event,
    /// <see cref="Models.EventBatchCodec"/>) and the session's array of a batch per partition stay
    /// off the large-object heap, whose every few hundred megabytes set off a full collection: at
    /// 150,000 events/s 4,096 gave 25-26% of the time in GC pauses and freshness p99 450-720 ms,
    /// 1,024 gave 17-19% and 170-420 ms (two runs each).
    /// </summary>
    public int BatchSize { get; set; } = 1024;

    /// <summary>Longest time a small ingest waits for company before its batch is published.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Redis connection string (StackExchange.Redis syntax, e.g. "localhost:6379"). Set: cluster
    /// mode (Redis membership, grain state, brand contributions and a durable ingest queue on
    /// Redis Streams). Empty: embedded mode (localhost clustering, memory storage and streams).
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>
    /// The engine's mode, decided here once from <see cref="Redis"/>: cluster mode keeps grain
    /// state, brand contributions and the ingest queue in Redis and writes them before a call
    /// returns; embedded mode keeps them in this process.
    /// </summary>
    public EngineMode Mode => string.IsNullOrWhiteSpace(Redis) ? EngineMode.Embedded : EngineMode.Cluster;

    /// <summary>Reads the options from configuration (the silo's services bind the same section).</summary>
    public static AnalyticsOptions From(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        Microsoft.Extensions.Configuration.ConfigurationBinder.Get<AnalyticsOptions>(configuration.GetSection(Section)) ?? new AnalyticsOptions();

    /// <summary>Cluster mode: deliveries of a queue entry after which it goes to the dead-letter stream.</summary>
    public int MaxDeliveries { get; set; } = 10;

    /// <summary>Cluster mode: how long an entry may stay unacknowledged (and not in delivery) before it is delivered again.</summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a conversation grain stays active without calls. Most conversations go quiet
    /// within minutes; their state is kept in storage and a late reply reactivates them, so
    /// memory follows the conversations in progress rather than all conversations ever seen.
    /// Zero deactivates a conversation as soon as its call is done: for replays, which bring
    /// each conversation's events together (<see cref="Ingest.ReplayGrouping"/>), so that a
    /// conversation is called about once and holding it active would only grow the heap the
    /// garbage collector walks.
    /// </summary>
    public TimeSpan ConversationCollectionAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Most conversation grains active in a silo; past it a conversation deactivates as soon as its
    /// call is done (<see cref="Grains.ActiveConversations"/>). About 2.4 KB each: 250,000 is some
    /// 600 MB of heap.
    /// </summary>
    public int MaxActiveConversations { get; set; } = 250_000;

    /// <summary>
    /// Embedded mode: most events one ingest request may have published and not yet applied; past
    /// it the request waits for the grains (a large body is read as fast as they take it, instead
    /// of piling up in the in-memory queues). 0 turns it off. Cluster mode's queue is in Redis.
    /// </summary>
    public long MaxIngestBacklog { get; set; } = 200_000;

    /// <summary>
    /// Embedded mode: the directory where accepted events and brand settings are kept
    /// (<see cref="Storage.EventLog"/>, <see cref="Storage.SettingsLog"/>) and from which a restart
    /// rebuilds everything; relative to the directory the silo starts in (the silo host's
    /// appsettings.json sets "data"). Empty: nothing is kept, a restart starts empty (tests, benchmarks, the client's
    /// --embedded runs). Cluster mode keeps everything in Redis and ignores it.
    /// </summary>
    public string? DataDir { get; set; }

    /// <summary>When the event log forces writes to the disk (<see cref="Storage.FsyncPolicy"/>).</summary>
    public Storage.FsyncPolicy Fsync { get; set; } = Storage.FsyncPolicy.EverySecond;

    /// <summary>Size at which the event log starts a new segment file.</summary>
    public long LogSegmentBytes { get; set; } = 64L << 20;
}

/// <summary>Where the engine keeps what it accepted.</summary>
public enum EngineMode
{
    /// <summary>One process: localhost clustering, state and streams in memory.</summary>
    Embedded,
    /// <summary>Redis membership, grain state, contributions and a durable ingest queue.</summary>
    Cluster,
}

/// <summary>How a brand's as-of is chosen (METRICS-SPEC section 3).</summary>
public enum AsOfMode
{
    /// <summary>The latest event time of the brand.</summary>
    Replay,
    /// <summary>The latest event time or the wall clock minus the allowed lateness, whichever is later.</summary>
    Live,
}
