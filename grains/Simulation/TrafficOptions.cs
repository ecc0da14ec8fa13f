namespace Analytics.Simulation;

/// <summary>
/// What <see cref="TrafficGenerator"/> produces. Defaults give a lively 12-brand demo whose
/// conversations look like the twcs.csv data set (about 3.5 events each); every figure is a knob
/// so that benchmarks can scale brands up to thousands and turn the noise (late and duplicate
/// events) up or down.
/// </summary>
public sealed record TrafficOptions
{
    /// <summary>Number of brands (1 to 100,000).</summary>
    public int Brands { get; init; } = 12;

    /// <summary>Zipf exponent of brand popularity: brand k gets weight 1/k^s (0 = all equal).</summary>
    public double PopularityExponent { get; init; } = 1.0;

    /// <summary>
    /// Average events per second of event time (all kinds, duplicates included) once the stream
    /// is steady. A fresh start sends mostly first messages until the replies planned for later
    /// come due (hours of event time at TimeScale 1, seconds at 3600): to begin at full rate,
    /// start the generator that much earlier and emit the history at once.
    /// </summary>
    public double EventsPerSecond { get; init; } = 40;

    /// <summary>Median first reply of the fastest brand.</summary>
    public TimeSpan FastestMedianReply { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Median first reply of the slowest brand.</summary>
    public TimeSpan SlowestMedianReply { get; init; } = TimeSpan.FromHours(8.5);

    /// <summary>Spread (sigma of the log) of a brand's reply times around its median.</summary>
    public double ReplySpread { get; init; } = 1.1;

    /// <summary>Largest share of conversations a brand leaves unanswered (each brand draws its own share up to this).</summary>
    public double MaxUnansweredShare { get; init; } = 0.35;

    /// <summary>Share of events that arrive late: after events with later timestamps were emitted.</summary>
    public double LateShare { get; init; } = 0.02;

    /// <summary>How late a late event arrives at most.</summary>
    public TimeSpan MaxLateness { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Share of events sent twice: the same id and payload again, a little later.</summary>
    public double DuplicateShare { get; init; } = 0.01;

    /// <summary>
    /// Messages get an author and a text like real mentions (<see cref="MessageTexts"/>), and
    /// follows and unfollows the customer as author: complaints, canned replies and the calibrated
    /// unfollow risk then have something to find. Off by default: the text makes files several
    /// times larger, and benchmark files stay comparable with earlier runs.
    /// </summary>
    public bool Text { get; init; }

    /// <summary>Share of conversations whose customer also follows the brand.</summary>
    public double FollowShare { get; init; } = 0.05;

    /// <summary>Chance that a customer who waited w unfollows: this times F(w) of the spec's unfollow curve.</summary>
    public double UnfollowScale { get; init; } = 0.15;

    /// <summary>
    /// Divides every delay (replies, follow-ups, lateness): 60 turns an hour's wait into a minute,
    /// so a live demo shows replies arriving and very high rates keep the open conversations few.
    /// </summary>
    public double TimeScale { get; init; } = 1.0;

    /// <summary>Prepended to every event and conversation id, so that separate runs into one engine do not collide.</summary>
    public string IdPrefix { get; init; } = "";

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Brands, 1, nameof(Brands));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Brands, 100_000, nameof(Brands));
        ArgumentOutOfRangeException.ThrowIfNegative(PopularityExponent, nameof(PopularityExponent));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(EventsPerSecond, nameof(EventsPerSecond));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(FastestMedianReply, TimeSpan.Zero, nameof(FastestMedianReply));
        ArgumentOutOfRangeException.ThrowIfLessThan(SlowestMedianReply, FastestMedianReply, nameof(SlowestMedianReply));
        ArgumentOutOfRangeException.ThrowIfNegative(ReplySpread, nameof(ReplySpread));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(TimeScale, nameof(TimeScale));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLateness, TimeSpan.FromSeconds(1), nameof(MaxLateness));
        foreach (var (name, share) in new[]
                 {
                     (nameof(MaxUnansweredShare), MaxUnansweredShare), (nameof(LateShare), LateShare),
                     (nameof(DuplicateShare), DuplicateShare), (nameof(FollowShare), FollowShare), (nameof(UnfollowScale), UnfollowScale),
                 })
        {
            if (share is < 0 or > 1) throw new ArgumentOutOfRangeException(name, share, "a share between 0 and 1");
        }
        ArgumentNullException.ThrowIfNull(IdPrefix, nameof(IdPrefix));
    }
}
