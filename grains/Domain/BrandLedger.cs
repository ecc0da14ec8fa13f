using System.Runtime.InteropServices;
using System.Text;
using Analytics.Domain.Packing;
using Analytics.Models;

namespace Analytics.Domain;

/// <summary>
/// A brand's state as a pure class: the latest contribution of each of its conversations and,
/// derived from them, per-(minute, channel) panes and the running waiting periods. Contributions
/// replace each other by version, so applying a batch twice, late or reordered changes nothing.
/// A conversation's contribution is held packed under its id (<see cref="HeldConversations"/>),
/// and indexed and retracted straight from those bytes: brands hold millions, and a contribution
/// is read back only when its conversation changes. A contribution that arrives as an object (a
/// conversation grain's) is packed first; one that arrives packed (the history import's) is held
/// as it came.
/// </summary>
public sealed class BrandLedger
{
    private const int PrefetchDistance = 4;

    private readonly HeldConversations conversations = new();
    private readonly ChannelTable channelTable = ChannelTable.Shared;
    // The audience shards' contributions, packed like the conversations'.
    private readonly byte[]?[] audience = new byte[]?[GrainKeys.AudienceShards];
    private readonly PaneIndex panes = new();
    private readonly WaitingPeriods waiting = new();
    // How many of the brand's replies hold each near-duplicate key (band in the high half): a
    // reply is canned when one of its keys is held twice or more.
    private readonly Dictionary<ulong, int> replyKeys = [];
    // The times of each known author's unfollows of the brand.
    private readonly Dictionary<ulong, SortedLongs> unfollowsByAuthor = [];
    // Every channel the brand has had an event on: a report lists them all, even with nothing in its window.
    private readonly SortedSet<string> channels = new(StringComparer.Ordinal);
    private string? lastChannel;
    private RiskModel risk;

    /// <summary>An empty ledger with the given settings.</summary>
    public BrandLedger(BrandSettings settings) => risk = new RiskModel(settings);

    /// <summary>The settings in force.</summary>
    public BrandSettings Settings => risk.Settings;

    /// <summary>
    /// Latest time of the events the brand's conversations hold; null before the first event. A
    /// function of the held events alone, so it can move back: when a conflicting copy with a later
    /// time loses to one with an earlier time (METRICS-SPEC section 1), whatever order they came in.
    /// </summary>
    public long? MaxTimestamp { get; private set; }

    /// <summary>Number of message conversations held (customer or not).</summary>
    public int ConversationCount => conversations.Count;

    /// <summary>All held contributions (for persistence).</summary>
    public IEnumerable<Contribution> Contributions =>
        conversations.All(channelTable).Concat(audience.Select((packed, shard) => packed is null ? null : PackedContribution.Unpack("", packed, channelTable, shard)).OfType<Contribution>());

    /// <summary>True if <see cref="Apply(Contribution)"/> would take the contribution: the ledger holds no version of it or an older one.</summary>
    public bool IsNewer(Contribution next) => HeldVersion(next) is not { } held || held < next.Version;

    /// <summary>Takes a contribution unless the ledger holds the same or a newer version; true if it changed anything.</summary>
    public bool Apply(Contribution next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var w = new PackWriter(64 + (next.Activity.Length * 12));
        try
        {
            PackedContribution.Write(ref w, next, channelTable);
            return next.AudienceShard >= 0
                ? ApplyAudience(next.AudienceShard, w.Written)
                : Apply(HeldConversations.Utf8(next.ConversationId, stackalloc byte[HeldConversations.MaxStackKey]), w.Written);
        }
        finally
        {
            w.Dispose();
        }
    }

    /// <summary>Takes a batch of packed contributions (as <see cref="Apply(Contribution)"/> each); the number that changed anything.</summary>
    public int Apply(PackedContributions batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var changed = 0;
        if (!channelTable.NumbersAlike(batch.Channels))
        {
            foreach (var c in Unpack(batch)) changed += Apply(c) ? 1 : 0;
            return changed;
        }
        // The held record of the conversation a few records ahead is prefetched: a large brand's
        // index is far larger than the cache, and each lookup missed it.
        var reader = new ContributionRecordReader(batch.Span);
        var ahead = new ContributionRecordReader(batch.Span);
        for (var i = 0; i < PrefetchDistance && ahead.Next(out var early, out _); i++) conversations.Prefetch(early);
        while (reader.Next(out var key, out var packed))
        {
            if (ahead.Next(out var next, out _)) conversations.Prefetch(next);
            changed += Apply(key, packed) ? 1 : 0;
        }
        return changed;
    }

    /// <summary>The contributions of a packed batch as objects.</summary>
    public static List<Contribution> Unpack(PackedContributions batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var theirs = ChannelTable.Of(batch.Channels);
        var contributions = new List<Contribution>(batch.Count);
        var reader = new ContributionRecordReader(batch.Span);
        while (reader.Next(out var key, out var packed)) contributions.Add(PackedContribution.Unpack(Encoding.UTF8.GetString(key), packed, theirs));
        return contributions;
    }

    // A conversation's packed contribution: replaced by a newer version, one lookup.
    private bool Apply(ReadOnlySpan<byte> key, ReadOnlySpan<byte> packed)
    {
        var place = conversations.Find(key);
        var held = place.Found ? conversations.Held(place) : default;
        if (!IsNewer(held, packed)) return false;
        // Indexed before the new record is put: putting may move the held one.
        var (added, retracted) = Replace(held, packed);
        conversations.Hold(place, key, packed);
        NoteMaxTimestamp(added, retracted);
        return true;
    }

    private bool ApplyAudience(int shard, ReadOnlySpan<byte> packed)
    {
        if (!IsNewer(audience[shard], packed)) return false;
        var (added, retracted) = Replace(audience[shard], packed);
        audience[shard] = packed.ToArray();
        NoteMaxTimestamp(added, retracted);
        return true;
    }

    // True when nothing is held (empty) or the held version is older.
    private static bool IsNewer(ReadOnlySpan<byte> held, ReadOnlySpan<byte> next) =>
        held.IsEmpty || PackedContribution.VersionOf(held) < PackedContribution.VersionOf(next);

    // Most cells of a held contribution replaced cell by cell; an audience shard's may hold
    // thousands (a follow per minute), retracted and added whole.
    private const int MaxReplacedCells = 32;

    /// <summary>
    /// Moves the panes from the held contribution (none when empty) to its newer version by their
    /// difference: the cohort and the waiting period only when they changed, each cell by what
    /// changed in it. A live conversation's next message changes a cell or two, and retracting and
    /// adding every cell again cost two pane lookups each. Panes hold sums and multisets, so the
    /// result is the one of retracting the held contribution and adding the new one
    /// (BrandLedgerTests compare the two).
    /// </summary>
    /// <returns>The latest event times of the added and of the retracted contribution (long.MinValue for none).</returns>
    private (long Added, long Retracted) Replace(ReadOnlySpan<byte> held, ReadOnlySpan<byte> next)
    {
        if (held.IsEmpty) return (Index(next, 1), long.MinValue);
        var h = new PackedContribution.Reader(held);
        if (h.CellCount > MaxReplacedCells)
        {
            var retracted = Index(held, -1);
            return (Index(next, 1), retracted);
        }
        var n = new PackedContribution.Reader(next);
        var sameCohort = h.HasCohort == n.HasCohort && (!h.HasCohort || (h.T0 == n.T0 && h.CohortChannel == n.CohortChannel && h.Frt == n.Frt && h.Complaint == n.Complaint && h.AuthorKey == n.AuthorKey));
        if (!sameCohort && h.HasCohort) IndexCohort(h.T0, h.CohortChannel, h.Frt, h.Complaint, h.AuthorKey, -1);
        if (!sameCohort && n.HasCohort) IndexCohort(n.T0, n.CohortChannel, n.Frt, n.Complaint, n.AuthorKey, 1);
        if (!sameCohort || h.WaitingSince != n.WaitingSince)
        {
            if (h.HasCohort) IndexWaiting(h.CohortChannel, h.WaitingSince, -1);
            if (n.HasCohort) IndexWaiting(n.CohortChannel, n.WaitingSince, 1);
        }

        Span<PackedContribution.Cell> heldCells = stackalloc PackedContribution.Cell[h.CellCount];
        Span<bool> kept = stackalloc bool[h.CellCount];
        for (var i = 0; h.NextCell(out var cell); i++) heldCells[i] = cell;
        while (n.NextCell(out var cell))
        {
            var at = 0;
            while (at < heldCells.Length && (kept[at] || heldCells[at].Minute != cell.Minute || heldCells[at].Channel != cell.Channel)) at++;
            if (at == heldCells.Length)
            {
                IndexCell(cell, 1);
                continue;
            }
            kept[at] = true;
            if (heldCells[at] != cell) IndexCell(Difference(cell, heldCells[at]), 1);
        }
        for (var i = 0; i < heldCells.Length; i++)
        {
            if (!kept[i]) IndexCell(heldCells[i], -1);
        }
        // Replies and unfollows (a few, and only on conversations with text or authors) are
        // retracted and added whole, before emptied panes go.
        IndexTail(ref h, -1);
        IndexTail(ref n, 1);

        // Panes emptied by what was retracted go (added cells and cohorts leave none empty).
        if (!sameCohort && h.HasCohort) panes.DropIfEmpty(Time.MinuteOf(h.T0), channelTable.NameOf(h.CohortChannel));
        for (var i = 0; i < heldCells.Length; i++)
        {
            if (!kept[i]) panes.DropIfEmpty(heldCells[i].Minute, channelTable.NameOf(heldCells[i].Channel));
        }
        return (n.MaxTimestamp, h.MaxTimestamp);
    }

    private static PackedContribution.Cell Difference(in PackedContribution.Cell next, in PackedContribution.Cell held) => new(
        next.Minute, next.Channel, next.Inbound - held.Inbound, next.Outbound - held.Outbound, next.Responses - held.Responses,
        next.ResponseTimeSum - held.ResponseTimeSum, next.Follows - held.Follows, next.Unfollows - held.Unfollows);

    /// <summary>Changes the settings and rebuilds every pane under them.</summary>
    public void ChangeSettings(BrandSettings settings)
    {
        panes.Clear();
        waiting.Clear();
        replyKeys.Clear();
        unfollowsByAuthor.Clear();
        risk = new RiskModel(settings);
        conversations.ForEach(packed => Index(packed, 1));
        foreach (var shard in audience)
        {
            if (shard is not null) Index(shard, 1);
        }
    }

    /// <summary>The brand's figures for a window at the as-of.</summary>
    public BrandMetrics Query(string brand, MetricsQuery query, long asOf)
    {
        var builders = new Dictionary<string, TallyBuilder>(StringComparer.Ordinal);
        foreach (var channel in channels)
        {
            if (query.Channel is null || query.Channel == channel) builders[channel] = new TallyBuilder();
        }
        var hourly = new SortedDictionary<long, HourCounts>();
        // Panes come in minute order, so an hour's are together: its counts are summed here and
        // recorded once, not as a new record per pane (a million of them in a 5M report).
        long? hour = null;
        (long Opened, long Responded, long WithinSla, long Pending, long Unanswered) inHour = default;

        foreach (var (minute, number) in MinutesIn(query))
        {
            ref readonly var pane = ref panes.Read(number);
            if (query.Channel is not null && query.Channel != pane.Channel) continue;
            var builder = builders[pane.Channel];
            var hourBefore = (builder.Opened, builder.Responded, builder.WithinSla, builder.Pending, builder.Unanswered);
            AddPane(builder, in pane, asOf);
            if (pane.Opened == 0) continue;
            var paneHour = Time.HourStart(minute * Time.MicrosPerMinute);
            if (paneHour != hour)
            {
                RecordHour(hourly, hour, inHour);
                (hour, inHour) = (paneHour, default);
            }
            inHour = (
                inHour.Opened + builder.Opened - hourBefore.Opened,
                inHour.Responded + builder.Responded - hourBefore.Responded,
                inHour.WithinSla + builder.WithinSla - hourBefore.WithinSla,
                inHour.Pending + builder.Pending - hourBefore.Pending,
                inHour.Unanswered + builder.Unanswered - hourBefore.Unanswered);
        }
        RecordHour(hourly, hour, inHour);
        waiting.AddSnapshot(builders, asOf, Settings.Horizon);

        var total = new TallyBuilder();
        var byChannel = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var (channel, builder) in builders)
        {
            var tally = builder.Build();
            byChannel[channel] = tally;
            total.Add(tally);
        }
        var brandTotal = total.Build();
        if (Settings.CalibratedRisk)
        {
            // The brand's calibrated pUnfollow in the window, for its channels too: expectedUnfollows
            // is the exposure times that instead of the survey's.
            var (p, _, _) = UnfollowCalibration.Posterior(brandTotal.ObservedUnfollows, brandTotal.AuthoredExposure.ToDouble(), brandTotal.AuthoredExposureSquares.ToDouble());
            Tally Calibrated(Tally t) => t with { ExpectedUnfollows = UnfollowRisk.Exact(p * t.CohortExposure.ToDouble()) };
            foreach (var channel in byChannel.Keys.ToList()) byChannel[channel] = Calibrated(byChannel[channel]);
            brandTotal = Calibrated(brandTotal);
        }
        return new BrandMetrics(brand, MaxTimestamp is null ? null : asOf, Settings, brandTotal, byChannel, hourly);
    }

    private static void RecordHour(SortedDictionary<long, HourCounts> hourly, long? hour, (long Opened, long Responded, long WithinSla, long Pending, long Unanswered) c)
    {
        if (hour is { } h) hourly[h] = new HourCounts(c.Opened, c.Responded, c.WithinSla, c.Pending, c.Unanswered);
    }

    /// <summary>
    /// Cohort and activity figures per bucket of whole minutes (the dashboard's charts). The
    /// snapshot fields stay zero: they hold at the as-of only, see <see cref="Backlog"/>.
    /// </summary>
    public Tally[] Series(SeriesQuery query, long asOf)
    {
        var buckets = new TallyBuilder[query.Buckets];
        for (var i = 0; i < buckets.Length; i++) buckets[i] = new TallyBuilder();
        var first = Time.MinuteOf(query.From);
        foreach (var (minute, number) in MinutesIn(new MetricsQuery(query.From, query.To)))
        {
            ref readonly var pane = ref panes.Read(number);
            if (query.Channel is null || query.Channel == pane.Channel) AddPane(buckets[(minute - first) / query.StepMinutes], in pane, asOf);
        }
        return Array.ConvertAll(buckets, b => b.Build());
    }

    /// <summary>The backlog at the as-of over all channels, without merging any pane (cheap enough to sample often).</summary>
    public long Backlog(long asOf) => waiting.Backlog(asOf, Settings.Horizon);

    /// <summary>Customer conversations matching a filter, in the filter's order, at most <paramref name="limit"/>.</summary>
    public List<ConversationSummary> List(ConversationFilter filter, int limit, long asOf)
    {
        var rows = new List<ConversationSummary>();
        foreach (var c in Contributions)
        {
            if (c.AudienceShard >= 0) continue;
            if (c.Cohort is not { } cohort) continue;
            var (status, r) = risk.Judge(cohort, asOf);
            var wanted = filter switch
            {
                ConversationFilter.Waiting => c.WaitingSince is { } since && asOf - since < Settings.Horizon,
                ConversationFilter.Pending => status == ConversationStatus.Pending,
                ConversationFilter.Unanswered => status == ConversationStatus.Unanswered,
                _ => status == ConversationStatus.Responded,
            };
            if (wanted) rows.Add(new ConversationSummary(c.ConversationId, cohort.Channel, cohort.T0, cohort.Frt, c.WaitingSince, status, r.ToDouble()));
        }
        Comparison<ConversationSummary> order = filter switch
        {
            // The longest current wait carries the highest risk: F is increasing.
            ConversationFilter.Waiting => (a, b) => Tie(a.WaitingSince!.Value.CompareTo(b.WaitingSince!.Value), a, b),
            ConversationFilter.Pending => (a, b) => Tie(a.T0.CompareTo(b.T0), a, b),
            ConversationFilter.Unanswered => (a, b) => Tie(b.T0.CompareTo(a.T0), a, b),
            _ => (a, b) => Tie(b.Frt!.Value.CompareTo(a.Frt!.Value), a, b),
        };
        rows.Sort(order);
        return rows.Count > limit ? rows.GetRange(0, limit) : rows;
    }

    /// <summary>Customer conversations whose running wait started from <paramref name="from"/> to <paramref name="to"/> (inclusive), with the start: who is about to pass the SLA.</summary>
    public List<(string ConversationId, long Since)> WaitingBetween(long from, long to) => conversations.WaitingBetween(from, to);

    private static int Tie(int first, ConversationSummary a, ConversationSummary b) =>
        first != 0 ? first : string.CompareOrdinal(a.ConversationId, b.ConversationId);

    // The latest time rises with a contribution; only when the one that set it is replaced by an
    // earlier one (a conflicting copy) does it need finding again among all held contributions.
    private void NoteMaxTimestamp(long added, long retracted)
    {
        if (added != long.MinValue && (MaxTimestamp is null || added > MaxTimestamp)) MaxTimestamp = added;
        else if (retracted != long.MinValue && retracted == MaxTimestamp && added < retracted) MaxTimestamp = HeldMaxTimestamp();
    }

    private long? HeldMaxTimestamp()
    {
        var max = conversations.MaxTimestamp();
        foreach (var shard in audience) max = Math.Max(max, shard is null ? long.MinValue : PackedContribution.MaxTimestampOf(shard));
        return max == long.MinValue ? null : max;
    }

    private long? HeldVersion(Contribution c)
    {
        if (c.AudienceShard >= 0) return audience[c.AudienceShard] is { } held ? PackedContribution.VersionOf(held) : null;
        return conversations.VersionOf(c.ConversationId);
    }


    private IEnumerable<(long Minute, int Number)> MinutesIn(MetricsQuery query) =>
        panes.Between(query.From is { } f ? Time.MinuteOf(f) : null, query.To is { } t ? Time.MinuteOf(t) - 1 : null);

    private void AddPane(TallyBuilder b, in Pane pane, long asOf)
    {
        b.Opened += pane.Opened;
        b.Responded += pane.Frts.Count;
        b.WithinSla += pane.WithinSla;
        b.ExpectedUnfollows += pane.RespondedRisk;
        b.AddFrts(pane.Frts.Values.ToArray());

        // Pending iff t0 > asOf - H. OpenT0s is ascending, so the unanswered ones are a prefix.
        var open = pane.OpenT0s.Values;
        var unanswered = pane.OpenT0s.CountBelow(asOf - Settings.Horizon + 1);
        var pendingExposure = ExactSum.Zero;
        for (var i = unanswered; i < open.Length; i++)
        {
            var f = UnfollowRisk.FMicros(asOf - open[i]);
            b.ExpectedUnfollows += risk.OfExposure(f);
            pendingExposure += UnfollowRisk.Exact(f);
        }
        var pending = open.Length - unanswered;
        b.Pending += pending;
        b.Unanswered += unanswered;
        b.ExpectedUnfollows += risk.Unanswered * unanswered;
        b.ExpectedAmplification += risk.Amplification * unanswered;
        b.CohortExposure += pane.RespondedExposure + pendingExposure + (risk.UnansweredExposure * unanswered);
        // Met: 1 - F(w) for each responded and pending conversation (unanswered met none).
        b.ExpectationMet += (One * (pane.Frts.Count + pending)) - pane.RespondedExposure - pendingExposure;

        b.Inbound += pane.Inbound;
        b.Outbound += pane.Outbound;
        b.Responses += pane.Responses;
        b.ResponseTimeSum += pane.ResponseTimeSum;
        b.Follows += pane.Follows;
        b.Unfollows += pane.Unfollows;
        if (pane.Notes is { } notes) AddNotes(b, notes, asOf);
    }

    private static readonly ExactSum One = UnfollowRisk.Exact(1);

    // Complaints, replies and known customers of a pane.
    private void AddNotes(TallyBuilder b, PaneNotes notes, long asOf)
    {
        b.Complaints += notes.Complaints;
        b.ComplaintsResponded += notes.ComplaintsResponded;
        b.ComplaintsWithinSla += notes.ComplaintsWithinSla;
        // A complaint's expectation is met by the complaint curve: F' - F less than the plain curve's.
        b.ExpectationMet -= notes.ComplaintExcess;
        var complaints = notes.ComplaintOpenT0s.Values;
        for (var i = notes.ComplaintOpenT0s.CountBelow(asOf - Settings.Horizon + 1); i < complaints.Length; i++)
        {
            b.ExpectationMet -= UnfollowRisk.ComplaintExcess(UnfollowRisk.FMicros(asOf - complaints[i]));
        }

        foreach (ref readonly var reply in notes.Replies.Values)
        {
            b.Replies++;
            if (IsCanned(reply.Sketch))
            {
                b.CannedReplies++;
                if (reply.FollowedUp) b.CannedFollowedUp++;
            }
            else if (reply.FollowedUp)
            {
                b.PersonalFollowedUp++;
            }
        }

        // Calibration: settled conversations only (UnfollowCalibration).
        var horizon = Settings.Horizon;
        foreach (ref readonly var c in notes.Authored.Values)
        {
            if (c.T0 + horizon > asOf) continue;
            var f = UnfollowRisk.FMicros(risk.WaitOf(c.T0, c.Frt == long.MinValue ? null : c.Frt, asOf));
            b.AuthoredExposure += UnfollowRisk.Exact(f);
            b.AuthoredExposureSquares += UnfollowRisk.Exact(f * f);
            if (unfollowsByAuthor.TryGetValue(c.AuthorKey, out var times) && times.CountBelow(c.T0 + horizon + 1) > times.CountBelow(c.T0)) b.ObservedUnfollows++;
        }
    }

    // Canned: another reply of the brand shares one of its near-duplicate keys.
    private bool IsCanned(in ReplySketch sketch)
    {
        for (var band = 0; band < ReplySketch.Bands; band++)
        {
            if (replyKeys.GetValueOrDefault(ReplyKey(band, sketch[band])) >= 2) return true;
        }
        return false;
    }

    private static ulong ReplyKey(int band, uint key) => ((ulong)band << 32) | key;

    /// <param name="packed">The packed contribution to add or retract.</param>
    /// <param name="sign">1 to add, -1 to retract.</param>
    /// <returns>The contribution's latest event time.</returns>
    private long Index(ReadOnlySpan<byte> packed, int sign)
    {
        var c = new PackedContribution.Reader(packed);
        if (c.HasCohort)
        {
            IndexCohort(c.T0, c.CohortChannel, c.Frt, c.Complaint, c.AuthorKey, sign);
            IndexWaiting(c.CohortChannel, c.WaitingSince, sign);
        }
        while (c.NextCell(out var cell)) IndexCell(cell, sign);
        IndexTail(ref c, sign);
        if (sign < 0) DropEmptyPanes(packed);
        return c.MaxTimestamp;
    }

    // A contribution's replies and unfollows, read after its cells.
    private void IndexTail(ref PackedContribution.Reader c, int sign)
    {
        while (c.NextReply(out var reply))
        {
            panes.For(reply.Minute, channelTable.NameOf(reply.Channel), sign).NotesToWrite.Replies.Edit(new ReplyMark(reply.Sketch, reply.FollowedUp), sign);
            for (var band = 0; band < ReplySketch.Bands; band++)
            {
                ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(replyKeys, ReplyKey(band, reply.Sketch[band]), out _);
                count += sign;
                if (count == 0) replyKeys.Remove(ReplyKey(band, reply.Sketch[band]));
            }
        }
        while (c.NextUnfollow(out var unfollow))
        {
            ref var times = ref CollectionsMarshal.GetValueRefOrAddDefault(unfollowsByAuthor, unfollow.AuthorKey, out _);
            times.Edit(unfollow.Timestamp, sign);
            if (times.Count == 0) unfollowsByAuthor.Remove(unfollow.AuthorKey);
        }
    }

    private void IndexCohort(long t0, int channelNumber, long? frt, bool complaint, ulong authorKey, int sign)
    {
        var channel = channelTable.NameOf(channelNumber);
        if (sign > 0) NoteChannel(channel);
        panes.For(Time.MinuteOf(t0), channel, sign).ApplyCohort(t0, frt, complaint, authorKey, sign, risk);
    }

    // A cohort's waiting period still running, if any: it waits on the cohort's channel.
    private void IndexWaiting(int channelNumber, long? since, int sign)
    {
        if (since is { } start) waiting.Edit(channelTable.NameOf(channelNumber), start, sign);
    }

    private void IndexCell(in PackedContribution.Cell cell, int sign)
    {
        var channel = channelTable.NameOf(cell.Channel);
        if (sign > 0) NoteChannel(channel);
        panes.For(cell.Minute, channel, sign).ApplyActivity(cell, sign);
    }

    // Channel strings are the channel table's, so the same instance as last time is the common
    // case and needs no search of the sorted set.
    private void NoteChannel(string channel)
    {
        if (ReferenceEquals(channel, lastChannel)) return;
        channels.Add(channel);
        lastChannel = channel;
    }

    private void DropEmptyPanes(ReadOnlySpan<byte> packed)
    {
        var c = new PackedContribution.Reader(packed);
        if (c.HasCohort) panes.DropIfEmpty(Time.MinuteOf(c.T0), channelTable.NameOf(c.CohortChannel));
        while (c.NextCell(out var cell)) panes.DropIfEmpty(cell.Minute, channelTable.NameOf(cell.Channel));
    }
}
