using System.Buffers;
using Analytics.Models;

namespace Analytics.Domain;

/// <summary>The as-of-independent facts of one conversation (METRICS-SPEC section 2).</summary>
/// <param name="MaxTimestamp">Latest event time, or long.MinValue for no events.</param>
/// <param name="Cohort">t0, channel and FRT; null without an inbound message.</param>
/// <param name="WaitingSince">Start of the waiting period still running after the last event.</param>
/// <param name="Activity">Activity per (minute, channel), in order of first appearance.</param>
/// <param name="Replies">The brand's replies with text, in order; null for none.</param>
/// <param name="Unfollows">Unfollows with a known author, in order; null for none.</param>
public sealed record ConversationShape(long MaxTimestamp, Cohort? Cohort, long? WaitingSince, ActivityCell[] Activity, ReplyEntry[]? Replies = null, AuthoredUnfollow[]? Unfollows = null)
{
    /// <summary>The shape of no events.</summary>
    public static ConversationShape Empty { get; } = new(long.MinValue, null, null, []);

    /// <summary>
    /// Derives the shape from events in <see cref="EventOrder"/>: waiting periods start at an
    /// inbound message when none runs and end at the next outbound message; each end is a
    /// response counted in the minute and channel of the ending message.
    /// </summary>
    public static ConversationShape Of(IReadOnlyList<ConversationEvent> ordered)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var folding = new Folding(ordered.Count);
        try
        {
            // By index: a foreach over the interface would box the list's enumerator.
            for (var i = 0; i < ordered.Count; i++) folding.Add(EventFacts.Of(ordered[i]));
            return folding.Finish();
        }
        finally
        {
            folding.Dispose();
        }
    }

    /// <summary>As <see cref="Of(IReadOnlyList{ConversationEvent})"/>, from the events' facts alone (the history import's columns: no event objects).</summary>
    public static ConversationShape Of(ReadOnlySpan<EventFacts> ordered)
    {
        var folding = Folded(ordered);
        try
        {
            return folding.Finish();
        }
        finally
        {
            folding.Dispose();
        }
    }

    /// <summary>
    /// <see cref="Of(ReadOnlySpan{EventFacts})"/>'s contribution at <paramref name="version"/>, packed
    /// as a brand holds it (<see cref="Packing.PackedContribution"/>) straight from the fold: no
    /// shape, cohort or cell objects, which were a third of what the history import allocated.
    /// </summary>
    internal static void Pack(ReadOnlySpan<EventFacts> ordered, long version, ref Packing.PackWriter w, Packing.ChannelTable channels)
    {
        var folding = Folded(ordered);
        try
        {
            folding.Pack(ref w, version, channels);
        }
        finally
        {
            folding.Dispose();
        }
    }

    private static Folding Folded(ReadOnlySpan<EventFacts> ordered)
    {
        var folding = new Folding(ordered.Length);
        foreach (ref readonly var e in ordered) folding.Add(e);
        return folding;
    }

    /// <summary>This shape as the versioned contribution of conversation <paramref name="conversationId"/> (or of an audience shard).</summary>
    public Contribution ToContribution(string conversationId, int audienceShard, long version) =>
        new(conversationId, audienceShard, version, MaxTimestamp, Cohort, WaitingSince, Activity, Replies, Unfollows);

    /// <summary>
    /// A conversation's shape kept as its fold (<see cref="Packing.PackedEventSet.Shape"/>): its
    /// next messages are folded in place and the contribution is packed from the fold, with no
    /// shape, cohort or cell objects per call. Those lived until the conversation's next message
    /// (about half a second in a busy stream), long enough to be copied by a collection, and were a
    /// third of the live engine's collector time. Equal to <see cref="Of(IReadOnlyList{ConversationEvent})"/>
    /// over the same events. The import's <see cref="Folding"/> keeps no fold: its cells are pooled.
    /// </summary>
    public sealed class Running
    {
        private Fold fold = new() { Channel = "", MaxTimestamp = long.MinValue };
        private Cell[] cells = [];
        private int count;

        /// <summary>The fold of events in <see cref="EventOrder"/>.</summary>
        public static Running Of(IReadOnlyList<ConversationEvent> ordered)
        {
            var running = new Running();
            running.Append(ordered, 0);
            return running;
        }

        /// <summary>Folds in one event after all those folded so far in <see cref="EventOrder"/>.</summary>
        public void Add(in EventFacts e)
        {
            // At most one cell per event.
            if (count == cells.Length) Array.Resize(ref cells, Math.Max(4, 2 * count));
            fold.Add(e, cells, ref count);
        }

        /// <summary>Folds in <paramref name="ordered"/> from <paramref name="from"/> on: events after all those folded so far in <see cref="EventOrder"/>.</summary>
        public void Append(IReadOnlyList<ConversationEvent> ordered, int from)
        {
            ArgumentNullException.ThrowIfNull(ordered);
            for (var i = from; i < ordered.Count; i++) Add(EventFacts.Of(ordered[i]));
        }

        /// <summary>The contribution at <paramref name="version"/>, packed as a brand holds it (<see cref="Packing.PackedContribution"/>).</summary>
        public byte[] Pack(long version, Packing.ChannelTable channels)
        {
            var w = new Packing.PackWriter(64 + (count * 12));
            try
            {
                fold.Pack(ref w, version, cells.AsSpan(0, count), channels);
                return w.ToArray();
            }
            finally
            {
                w.Dispose();
            }
        }
    }

    // A shape being built from events in order.
    private ref struct Folding
    {
        private Fold fold;
        private readonly Cell[] cells;
        private int count;

        public Folding(int events)
        {
            fold = new Fold { Channel = "", MaxTimestamp = long.MinValue };
            // At most one cell per event; a pooled array spares the per-conversation builders.
            cells = ArrayPool<Cell>.Shared.Rent(Math.Max(1, events));
        }

        public void Add(in EventFacts e) => fold.Add(e, cells, ref count);

        public readonly ConversationShape Finish()
        {
            var activity = new ActivityCell[count];
            for (var i = 0; i < count; i++) activity[i] = cells[i].ToActivityCell();
            var cohort = fold.T0 is { } t0 ? new Cohort(t0, fold.Channel, fold.FirstEnd - t0, fold.Complaint, fold.AuthorKey) : null;
            return new ConversationShape(fold.MaxTimestamp, cohort, fold.Running, activity, fold.FinishedReplies(), fold.Unfollows?.ToArray());
        }

        public readonly void Pack(ref Packing.PackWriter w, long version, Packing.ChannelTable channels) =>
            fold.Pack(ref w, version, cells.AsSpan(0, count), channels);

        public readonly void Dispose() => ArrayPool<Cell>.Shared.Return(cells, clearArray: true);
    }

    // The running facts of a conversation's events taken in order.
    private struct Fold
    {
        public long? T0, FirstEnd, Running;
        public string Channel;
        public long MaxTimestamp;
        // A complaint before the first response makes the conversation a complaint.
        public bool Complaint;
        // The customer: the t0 message's author.
        public ulong AuthorKey;
        // Replies with text so far, and how many of them the customer wrote again after.
        public List<ReplyEntry>? Replies;
        public int FollowedUp;
        public List<AuthoredUnfollow>? Unfollows;

        public void Add(in EventFacts e, Cell[] cells, ref int count)
        {
            var (timestamp, channel, kind, direction) = (e.Timestamp, e.Channel, e.Kind, e.Direction);
            MaxTimestamp = Math.Max(MaxTimestamp, timestamp);
            ref var cell = ref CellFor(cells, ref count, Time.MinuteOf(timestamp), channel);
            switch (kind)
            {
                case EventKind.Follow:
                    cell.Follows++;
                    return;
                case EventKind.Unfollow:
                    cell.Unfollows++;
                    if (e.AuthorKey != 0) (Unfollows ??= []).Add(new AuthoredUnfollow(timestamp, e.AuthorKey));
                    return;
            }
            if (direction == Direction.Inbound)
            {
                cell.Inbound++;
                if (T0 is null)
                {
                    T0 = timestamp;
                    Channel = channel;
                    AuthorKey = e.AuthorKey;
                }
                Running ??= timestamp;
                Complaint |= e.Complaint && FirstEnd is null;
                FollowedUp = Replies?.Count ?? 0;
            }
            else
            {
                if (e.Sketch is { } sketch) (Replies ??= []).Add(new ReplyEntry(Time.MinuteOf(timestamp), channel, sketch, false));
                cell.Outbound++;
                if (Running is { } start)
                {
                    cell.Responses++;
                    cell.ResponseTimeSum += timestamp - start;
                    FirstEnd ??= timestamp;
                    Running = null;
                }
            }
        }

        // The replies folded so far, those the customer wrote again after marked.
        public readonly ReplyEntry[]? FinishedReplies()
        {
            if (Replies is null) return null;
            var replies = Replies.ToArray();
            for (var i = 0; i < FollowedUp; i++) replies[i] = replies[i] with { FollowedUp = true };
            return replies;
        }

        // The contribution at `version` of the events folded so far, packed as a brand holds it.
        public readonly void Pack(ref Packing.PackWriter w, long version, ReadOnlySpan<Cell> cells, Packing.ChannelTable channels)
        {
            var cohort = T0 is { } t0 ? new Packing.PackedContribution.CohortHead(true, t0, channels.NumberOf(Channel), FirstEnd - t0, Complaint, AuthorKey) : default;
            var replies = FinishedReplies();
            Packing.PackedContribution.WriteHead(ref w, version, MaxTimestamp, cohort, Running, cells.Length, replies is not null, Unfollows is not null);
            foreach (ref readonly var c in cells)
            {
                Packing.PackedContribution.WriteCell(ref w, MaxTimestamp, new(c.Minute, channels.NumberOf(c.Channel), c.Inbound, c.Outbound, c.Responses, c.ResponseTimeSum, c.Follows, c.Unfollows));
            }
            Packing.PackedContribution.WriteTail(ref w, MaxTimestamp, replies, Unfollows is null ? null : [.. Unfollows], channels);
        }

        private static ref Cell CellFor(Cell[] cells, ref int count, long minute, string channel)
        {
            for (var i = 0; i < count; i++)
            {
                if (cells[i].Minute == minute && cells[i].Channel == channel) return ref cells[i];
            }
            cells[count] = new Cell { Minute = minute, Channel = channel };
            return ref cells[count++];
        }
    }

    private struct Cell
    {
        public long Minute;
        public string Channel;
        public int Inbound, Outbound, Responses, Follows, Unfollows;
        public long ResponseTimeSum;

        public readonly ActivityCell ToActivityCell() => new(Minute, Channel, Inbound, Outbound, Responses, ResponseTimeSum, Follows, Unfollows);
    }
}

/// <summary>What a conversation's shape needs of an event.</summary>
/// <param name="Timestamp">Event time.</param>
/// <param name="Channel">Channel.</param>
/// <param name="Kind">Message, follow or unfollow.</param>
/// <param name="Direction">Inbound or outbound (messages).</param>
/// <param name="Complaint">An inbound message classified as a complaint.</param>
/// <param name="Extras">Its reply sketch and author key (author and text, if there, are not read); null for none. A reference, not the keys inline: these facts are copied per event through the import, and most events have none.</param>
public readonly record struct EventFacts(long Timestamp, string Channel, EventKind Kind, Direction Direction, bool Complaint = false, MessageExtras? Extras = null)
{
    /// <summary>An outbound message's near-duplicate keys (canned replies), if it had text.</summary>
    public ReplySketch? Sketch => Extras?.Sketch;

    /// <summary>Hash of the author, 0 for none (unfollows are matched to conversations by it).</summary>
    public ulong AuthorKey => Extras?.AuthorKey ?? 0;

    /// <summary>The facts of a conversation's event.</summary>
    public static EventFacts Of(ConversationEvent e) => new(e.Timestamp, e.Channel, e.Kind, e.Direction, e.Complaint, e.Extras);
}
