using Analytics.Models;

namespace Analytics.Domain.Packing;

/// <summary>
/// A contribution as a brand holds it between updates: about 40 bytes instead of a record, a
/// cohort and an array of cell records (some 400 bytes), because a brand holds one per
/// conversation it ever saw and reads one back only when that conversation changes. The
/// conversation id is the holder's key and is not repeated; channels are numbers of the brand's
/// <see cref="ChannelTable"/>.
/// </summary>
public static class PackedContribution
{
    private const byte HasCohort = 1, HasFrt = 2, HasWaitingSince = 4;

    /// <summary>The version of a packed contribution, without unpacking the rest.</summary>
    public static long VersionOf(ReadOnlySpan<byte> packed) => (long)new PackReader(packed).ReadVarint();

    /// <summary>The latest event time of a packed contribution, without unpacking the rest.</summary>
    public static long MaxTimestampOf(ReadOnlySpan<byte> packed)
    {
        var r = new PackReader(packed);
        r.ReadVarint();
        return r.ReadInt64();
    }

    /// <summary>The start of the waiting period still running in a packed contribution, or null, without unpacking the cells.</summary>
    public static long? WaitingSinceOf(ReadOnlySpan<byte> packed)
    {
        var r = new PackReader(packed);
        r.ReadVarint();
        var maxTimestamp = r.ReadInt64();
        var flags = r.ReadByte();
        if ((flags & HasWaitingSince) == 0) return null;
        if ((flags & HasCohort) != 0)
        {
            r.ReadInt64();
            r.ReadInt32();
            if ((flags & HasFrt) != 0) r.ReadSigned();
        }
        return maxTimestamp - r.ReadSigned();
    }

    /// <summary>The contribution of conversation <paramref name="conversationId"/> packed in <paramref name="packed"/>.</summary>
    public static Contribution Unpack(string conversationId, ReadOnlySpan<byte> packed, ChannelTable channels)
    {
        var r = new PackReader(packed);
        return Read(ref r, conversationId, channels);
    }

    internal static void Write(ref PackWriter w, Contribution c, ChannelTable channels)
    {
        w.WriteVarint((ulong)c.Version);
        w.WriteInt64(c.MaxTimestamp);
        var flags = (byte)((c.Cohort is null ? 0 : HasCohort) | (c.Cohort?.Frt is null ? 0 : HasFrt) | (c.WaitingSince is null ? 0 : HasWaitingSince));
        w.WriteByte(flags);
        if (c.Cohort is { } cohort)
        {
            w.WriteInt64(cohort.T0);
            w.WriteVarint((ulong)channels.NumberOf(cohort.Channel));
            if (cohort.Frt is { } frt) w.WriteSigned(frt);
        }
        // Waiting periods start at an event of the conversation: near its latest event.
        if (c.WaitingSince is { } since) w.WriteSigned(c.MaxTimestamp - since);
        w.WriteVarint((ulong)c.Activity.Length);
        var minute = Time.MinuteOf(c.MaxTimestamp);
        foreach (var a in c.Activity)
        {
            w.WriteSigned(minute - a.Minute);
            w.WriteVarint((ulong)channels.NumberOf(a.Channel));
            w.WriteSigned(a.Inbound);
            w.WriteSigned(a.Outbound);
            w.WriteSigned(a.Responses);
            w.WriteSigned(a.ResponseTimeSum);
            w.WriteSigned(a.Follows);
            w.WriteSigned(a.Unfollows);
        }
    }

    internal static Contribution Read(ref PackReader r, string conversationId, ChannelTable channels)
    {
        var version = (long)r.ReadVarint();
        var maxTimestamp = r.ReadInt64();
        var flags = r.ReadByte();
        Cohort? cohort = null;
        if ((flags & HasCohort) != 0)
        {
            var t0 = r.ReadInt64();
            var channel = channels.NameOf(r.ReadInt32());
            cohort = new Cohort(t0, channel, (flags & HasFrt) != 0 ? r.ReadSigned() : null);
        }
        long? waitingSince = (flags & HasWaitingSince) != 0 ? maxTimestamp - r.ReadSigned() : null;
        var activity = new ActivityCell[r.ReadInt32()];
        var minute = Time.MinuteOf(maxTimestamp);
        for (var i = 0; i < activity.Length; i++)
        {
            activity[i] = new ActivityCell(
                minute - r.ReadSigned(),
                channels.NameOf(r.ReadInt32()),
                (int)r.ReadSigned(),
                (int)r.ReadSigned(),
                (int)r.ReadSigned(),
                r.ReadSigned(),
                (int)r.ReadSigned(),
                (int)r.ReadSigned());
        }
        return new Contribution(conversationId, -1, version, maxTimestamp, cohort, waitingSince, activity);
    }
}
