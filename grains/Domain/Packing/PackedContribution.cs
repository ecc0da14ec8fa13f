using Analytics.Models;

namespace Analytics.Domain.Packing;

/// <summary>
/// A contribution as a brand holds it between updates: about 40 bytes instead of a record, a
/// cohort and an array of cell records (some 400 bytes), because a brand holds one per
/// conversation it ever saw and reads one back only when that conversation changes. The
/// conversation id is the holder's key and is not repeated; channels are numbers of the process's
/// <see cref="ChannelTable"/>.
/// </summary>
public static class PackedContribution
{
    private const byte CohortFlag = 1, FrtFlag = 2, WaitingFlag = 4, ComplaintFlag = 8, AuthorFlag = 16, RepliesFlag = 32, UnfollowsFlag = 64;

    /// <summary>The version of a packed contribution, without unpacking the rest.</summary>
    public static long VersionOf(ReadOnlySpan<byte> packed) => (long)new PackReader(packed).ReadVarint();

    /// <summary>The latest event time of a packed contribution, without unpacking the rest.</summary>
    public static long MaxTimestampOf(ReadOnlySpan<byte> packed)
    {
        var r = new PackReader(packed);
        r.ReadVarint();
        return r.ReadInt64();
    }

    /// <summary>The start of the waiting period still running in a packed contribution, or null, without reading the cells.</summary>
    public static long? WaitingSinceOf(ReadOnlySpan<byte> packed)
    {
        var r = new Reader(packed);
        return r.WaitingSince;
    }

    /// <summary>The contribution of conversation <paramref name="conversationId"/> (or of audience shard <paramref name="audienceShard"/>) packed in <paramref name="packed"/>.</summary>
    public static Contribution Unpack(string conversationId, ReadOnlySpan<byte> packed, ChannelTable channels, int audienceShard = -1)
    {
        ArgumentNullException.ThrowIfNull(channels);
        var r = new Reader(packed);
        var cohort = r.HasCohort ? new Cohort(r.T0, channels.NameOf(r.CohortChannel), r.Frt, r.Complaint, r.AuthorKey) : null;
        var activity = new ActivityCell[r.CellCount];
        for (var i = 0; r.NextCell(out var c); i++)
        {
            activity[i] = new ActivityCell(c.Minute, channels.NameOf(c.Channel), c.Inbound, c.Outbound, c.Responses, c.ResponseTimeSum, c.Follows, c.Unfollows);
        }
        List<ReplyEntry>? replies = r.HasReplies ? [] : null;
        while (r.NextReply(out var reply)) replies!.Add(new ReplyEntry(reply.Minute, channels.NameOf(reply.Channel), reply.Sketch, reply.FollowedUp));
        List<AuthoredUnfollow>? unfollows = r.HasUnfollows ? [] : null;
        while (r.NextUnfollow(out var u)) unfollows!.Add(u);
        return new Contribution(conversationId, audienceShard, r.Version, r.MaxTimestamp, cohort, r.WaitingSince, activity, replies?.ToArray(), unfollows?.ToArray());
    }

    /// <summary>A contribution packed as a brand holds it, channels numbered by <paramref name="channels"/>.</summary>
    public static byte[] Pack(Contribution c, ChannelTable channels)
    {
        ArgumentNullException.ThrowIfNull(c);
        var w = new PackWriter(64 + (c.Activity.Length * 12));
        try
        {
            Write(ref w, c, channels);
            return w.ToArray();
        }
        finally
        {
            w.Dispose();
        }
    }

    internal static void Write(ref PackWriter w, Contribution c, ChannelTable channels) =>
        Write(ref w, c.Version, c.MaxTimestamp, c.Cohort, c.WaitingSince, c.Activity, c.Replies, c.Unfollows, channels);

    /// <summary>Packs a contribution given by its parts (a conversation's shape and version).</summary>
    internal static void Write(ref PackWriter w, long version, long maxTimestamp, Cohort? cohort, long? waitingSince, ActivityCell[] activity, ReplyEntry[]? replies, AuthoredUnfollow[]? unfollows, ChannelTable channels)
    {
        var head = cohort is null ? default : new CohortHead(true, cohort.T0, channels.NumberOf(cohort.Channel), cohort.Frt, cohort.Complaint, cohort.AuthorKey);
        WriteHead(ref w, version, maxTimestamp, head, waitingSince, activity.Length, replies is not null, unfollows is not null);
        foreach (var a in activity)
        {
            WriteCell(ref w, maxTimestamp, new Cell(a.Minute, channels.NumberOf(a.Channel), a.Inbound, a.Outbound, a.Responses, a.ResponseTimeSum, a.Follows, a.Unfollows));
        }
        WriteTail(ref w, maxTimestamp, replies, unfollows, channels);
    }

    /// <summary>
    /// Packs what comes before the cells; <paramref name="cells"/> of them must follow (<see cref="WriteCell"/>),
    /// then the replies and unfollows if announced here (<see cref="WriteTail"/>).
    /// </summary>
    internal static void WriteHead(ref PackWriter w, long version, long maxTimestamp, CohortHead cohort, long? waitingSince, int cells, bool replies = false, bool unfollows = false)
    {
        w.WriteVarint((ulong)version);
        w.WriteInt64(maxTimestamp);
        var flags = (byte)((cohort.Present ? CohortFlag : 0) | (cohort.Frt is null ? 0 : FrtFlag) | (waitingSince is null ? 0 : WaitingFlag) | (cohort.Complaint ? ComplaintFlag : 0)
            | (cohort.AuthorKey == 0 ? 0 : AuthorFlag) | (replies ? RepliesFlag : 0) | (unfollows ? UnfollowsFlag : 0));
        w.WriteByte(flags);
        if (cohort.Present)
        {
            w.WriteInt64(cohort.T0);
            w.WriteVarint((ulong)cohort.Channel);
            if (cohort.Frt is { } frt) w.WriteSigned(frt);
            if (cohort.AuthorKey != 0) w.WriteInt64((long)cohort.AuthorKey);
        }
        // Waiting periods start at an event of the conversation: near its latest event.
        if (waitingSince is { } since) w.WriteSigned(maxTimestamp - since);
        w.WriteVarint((ulong)cells);
    }

    /// <summary>Packs one activity cell of a contribution whose latest event time is <paramref name="maxTimestamp"/>.</summary>
    internal static void WriteCell(ref PackWriter w, long maxTimestamp, in Cell cell)
    {
        w.WriteSigned(Time.MinuteOf(maxTimestamp) - cell.Minute);
        w.WriteVarint((ulong)cell.Channel);
        w.WriteSigned(cell.Inbound);
        w.WriteSigned(cell.Outbound);
        w.WriteSigned(cell.Responses);
        w.WriteSigned(cell.ResponseTimeSum);
        w.WriteSigned(cell.Follows);
        w.WriteSigned(cell.Unfollows);
    }

    /// <summary>Packs the replies and unfollows after the cells, each when its head announced it.</summary>
    internal static void WriteTail(ref PackWriter w, long maxTimestamp, ReplyEntry[]? replies, AuthoredUnfollow[]? unfollows, ChannelTable channels)
    {
        if (replies is not null)
        {
            w.WriteVarint((ulong)replies.Length);
            foreach (var r in replies)
            {
                w.WriteSigned(Time.MinuteOf(maxTimestamp) - r.Minute);
                w.WriteVarint((ulong)channels.NumberOf(r.Channel));
                w.WriteByte(r.FollowedUp ? (byte)1 : (byte)0);
                for (var band = 0; band < ReplySketch.Bands; band++) w.WriteUInt32(r.Sketch[band]);
            }
        }
        if (unfollows is not null)
        {
            w.WriteVarint((ulong)unfollows.Length);
            foreach (var u in unfollows)
            {
                w.WriteSigned(maxTimestamp - u.Timestamp);
                w.WriteInt64((long)u.AuthorKey);
            }
        }
    }

    /// <summary>A contribution's cohort as packed (its channel by number); default when it has none.</summary>
    internal readonly record struct CohortHead(bool Present, long T0, int Channel, long? Frt, bool Complaint, ulong AuthorKey);

    /// <summary>
    /// A packed contribution read in place: the head at once, the cells one by one. A brand indexes
    /// and retracts contributions straight from these bytes, without an object per cell.
    /// </summary>
    internal ref struct Reader
    {
        private PackReader r;
        private readonly long minute;
        private int cellsLeft;

        public Reader(ReadOnlySpan<byte> packed)
        {
            r = new PackReader(packed);
            Version = (long)r.ReadVarint();
            MaxTimestamp = r.ReadInt64();
            var flags = r.ReadByte();
            HasCohort = (flags & CohortFlag) != 0;
            Complaint = (flags & ComplaintFlag) != 0;
            HasReplies = (flags & RepliesFlag) != 0;
            HasUnfollows = (flags & UnfollowsFlag) != 0;
            if (HasCohort)
            {
                T0 = r.ReadInt64();
                CohortChannel = r.ReadInt32();
                if ((flags & FrtFlag) != 0) Frt = r.ReadSigned();
                if ((flags & AuthorFlag) != 0) AuthorKey = (ulong)r.ReadInt64();
            }
            if ((flags & WaitingFlag) != 0) WaitingSince = MaxTimestamp - r.ReadSigned();
            CellCount = cellsLeft = r.ReadInt32();
            minute = Time.MinuteOf(MaxTimestamp);
        }

        public long Version { get; }

        public long MaxTimestamp { get; }

        public bool HasCohort { get; }

        public long T0 { get; }

        /// <summary>The cohort's channel number.</summary>
        public int CohortChannel { get; }

        public long? Frt { get; }

        /// <summary>The cohort is a complaint.</summary>
        public bool Complaint { get; }

        /// <summary>The cohort's author key, 0 for none.</summary>
        public ulong AuthorKey { get; }

        /// <summary>A replies section follows the cells (perhaps empty).</summary>
        public bool HasReplies { get; }

        /// <summary>An unfollows section follows the replies (perhaps empty).</summary>
        public bool HasUnfollows { get; }

        public long? WaitingSince { get; }

        public int CellCount { get; }

        /// <summary>The next activity cell, if any.</summary>
        public bool NextCell(out Cell cell)
        {
            if (cellsLeft == 0)
            {
                cell = default;
                return false;
            }
            cellsLeft--;
            cell = new Cell(minute - r.ReadSigned(), r.ReadInt32(), (int)r.ReadSigned(), (int)r.ReadSigned(), (int)r.ReadSigned(), r.ReadSigned(), (int)r.ReadSigned(), (int)r.ReadSigned());
            return true;
        }

        private int repliesLeft = -1, unfollowsLeft = -1;

        /// <summary>The next reply, if any (cells not read yet are skipped).</summary>
        public bool NextReply(out Reply reply)
        {
            while (NextCell(out _))
            {
            }
            if (!TakeNext(ref repliesLeft, HasReplies))
            {
                reply = default;
                return false;
            }
            var (at, channel, followedUp) = (minute - r.ReadSigned(), r.ReadInt32(), r.ReadByte() != 0);
            reply = new Reply(at, channel, new ReplySketch(r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32(), r.ReadUInt32()), followedUp);
            return true;
        }

        /// <summary>The next unfollow with a known author, if any (cells and replies not read yet are skipped).</summary>
        public bool NextUnfollow(out AuthoredUnfollow unfollow)
        {
            while (NextReply(out _))
            {
            }
            if (!TakeNext(ref unfollowsLeft, HasUnfollows))
            {
                unfollow = default;
                return false;
            }
            unfollow = new AuthoredUnfollow(MaxTimestamp - r.ReadSigned(), (ulong)r.ReadInt64());
            return true;
        }

        // A tail section's count is read when the section is first reached (the sections before it
        // skipped); false once it is used up, or when the record has no such section.
        private bool TakeNext(ref int left, bool present)
        {
            if (left < 0) left = present ? r.ReadInt32() : 0;
            if (left == 0) return false;
            left--;
            return true;
        }
    }

    /// <summary>A reply as packed: its channel by number.</summary>
    internal readonly record struct Reply(long Minute, int Channel, ReplySketch Sketch, bool FollowedUp);

    /// <summary>An activity cell as packed: its channel by number.</summary>
    internal readonly record struct Cell(long Minute, int Channel, int Inbound, int Outbound, int Responses, long ResponseTimeSum, int Follows, int Unfollows);
}
