using Analytics.Models;

namespace Analytics.Domain.Packing;

/// <summary>
/// Builds a <see cref="PackedContributions"/>: conversations' contributions packed as a brand
/// holds them, so the brand stores the bytes as they come and indexes them in place, and no
/// object graph per conversation waits for the brand call (young objects that outlive a
/// collection are copied; these bytes never are). Channels are numbered by
/// <see cref="ChannelTable.Shared"/>.
/// </summary>
public sealed class ContributionRecords
{
    private byte[] buffer = new byte[1024];
    private int length;

    /// <summary>Records added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds a message conversation's contribution (not an audience shard's).</summary>
    public void Add(Contribution contribution)
    {
        ArgumentNullException.ThrowIfNull(contribution);
        if (contribution.AudienceShard >= 0) throw new ArgumentException("audience shards are applied as contributions", nameof(contribution));
        Add(HeldConversations.Utf8(contribution.ConversationId, stackalloc byte[HeldConversations.MaxStackKey]), contribution.Version, contribution.MaxTimestamp, contribution.Cohort, contribution.WaitingSince, contribution.Activity, contribution.Replies, contribution.Unfollows);
    }

    /// <summary>Adds the contribution of the message conversation <paramref name="conversationIdUtf8"/>: its shape at <paramref name="version"/> (no contribution object).</summary>
    public void Add(ReadOnlySpan<byte> conversationIdUtf8, long version, ConversationShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        Add(conversationIdUtf8, version, shape.MaxTimestamp, shape.Cohort, shape.WaitingSince, shape.Activity, shape.Replies, shape.Unfollows);
    }

    /// <summary>Adds the contribution of the message conversation <paramref name="conversationIdUtf8"/> whose events' facts, in <see cref="EventOrder"/>, are <paramref name="ordered"/>: the shape's, packed as it is folded (<see cref="ConversationShape.Pack"/>).</summary>
    public void Add(ReadOnlySpan<byte> conversationIdUtf8, long version, ReadOnlySpan<EventFacts> ordered)
    {
        var w = new PackWriter(64 + (ordered.Length * 12));
        try
        {
            ConversationShape.Pack(ordered, version, ref w, ChannelTable.Shared);
            Add(conversationIdUtf8, w.Written);
        }
        finally
        {
            w.Dispose();
        }
    }

    private void Add(ReadOnlySpan<byte> key, long version, long maxTimestamp, Cohort? cohort, long? waitingSince, ActivityCell[] activity, ReplyEntry[]? replies, AuthoredUnfollow[]? unfollows)
    {
        var w = new PackWriter(64 + (activity.Length * 12));
        try
        {
            PackedContribution.Write(ref w, version, maxTimestamp, cohort, waitingSince, activity, replies, unfollows, ChannelTable.Shared);
            Add(key, w.Written);
        }
        finally
        {
            w.Dispose();
        }
    }

    /// <summary>Adds the contribution of the message conversation <paramref name="conversationIdUtf8"/>, already packed with <see cref="ChannelTable.Shared"/>'s numbers.</summary>
    public void Add(ReadOnlySpan<byte> conversationIdUtf8, ReadOnlySpan<byte> packed)
    {
        Put(conversationIdUtf8);
        Put(packed);
        Count++;
    }

    /// <summary>Adds every record of <paramref name="other"/>.</summary>
    public void Add(ContributionRecords other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Ensure(other.length);
        other.buffer.AsSpan(0, other.length).CopyTo(buffer.AsSpan(length));
        length += other.length;
        Count += other.Count;
    }

    /// <summary>The records for a brand call: this buffer, not a copy, so valid until <see cref="Clear"/>.</summary>
    public PackedContributions ToBatch() => new(buffer, length, Count, ChannelTable.Shared.Names());

    /// <summary>Forgets every record, keeping the room.</summary>
    public void Clear()
    {
        length = 0;
        Count = 0;
    }

    // Length-prefixed, as PackWriter.WriteBytes writes and PackReader.ReadUtf8 reads it back.
    private void Put(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length + 10);
        length += PackWriter.WriteVarint(buffer.AsSpan(length), (ulong)bytes.Length);
        bytes.CopyTo(buffer.AsSpan(length));
        length += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (length + more > buffer.Length) Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + more));
    }
}

/// <summary>Reads the records of a <see cref="PackedContributions"/> in place.</summary>
internal ref struct ContributionRecordReader(ReadOnlySpan<byte> records)
{
    private PackReader r = new(records);

    /// <summary>The next record: the conversation id's UTF-8 and the packed contribution.</summary>
    public bool Next(out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> packed)
    {
        if (r.Rest.IsEmpty)
        {
            key = default;
            packed = default;
            return false;
        }
        key = r.ReadUtf8();
        packed = r.ReadUtf8();
        return true;
    }
}
