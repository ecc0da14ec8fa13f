using Analytics.Models;

namespace Analytics.Domain;

/// <summary>
/// One (minute, channel) of a brand: the cohort of conversations whose t0 falls in it and the
/// activity of events in it. Everything that depends on the as-of is left to query time, so a
/// pane changes only when a contribution does. A minute's panes form a short chain
/// (<see cref="Next"/>), one per channel (<see cref="PaneIndex"/>). A struct in its index's
/// blocks, not an object each: a brand holds a pane per (minute, channel), a million over a 5M
/// event history, and as objects they were most of what every collection during an import copied
/// or marked. Mutate it only through a reference (<see cref="PaneIndex.For"/>).
/// </summary>
internal struct Pane(string channel)
{
    /// <summary>First response times of responded conversations (FRT &lt;= H), ascending.</summary>
    public SortedLongs Frts;

    /// <summary>t0 of the other conversations, ascending; pending or unanswered is decided at the as-of.</summary>
    public SortedLongs OpenT0s;

    /// <summary>The next pane of the same minute (another channel): its number in the index plus one, 0 for none.</summary>
    public int Next;

    /// <summary>The pane's channel.</summary>
    public readonly string Channel { get; } = channel;

    // Counts of one minute and channel fit in 32 bits: a brand holds a pane per minute and channel,
    // millions over a history, and each long here was 4 bytes of every one of them.
    public int Opened, WithinSla;
    public ExactSum RespondedRisk;

    /// <summary>Sum of F(FRT) over the responded conversations: their exposure to unfollowing for pUnfollow = 1, and what their customers' expectations missed.</summary>
    public ExactSum RespondedExposure;

    public int Inbound, Outbound, Responses, Follows, Unfollows;
    public long ResponseTimeSum;

    /// <summary>What the messages' text and authors add (complaints, replies, known customers); null while the pane has none, as for traffic without text.</summary>
    public PaneNotes? Notes;

    public readonly bool IsEmpty => Opened == 0 && Inbound == 0 && Outbound == 0 && Follows == 0 && Unfollows == 0 && Responses == 0;

    /// <summary>The pane's notes, made on first use.</summary>
    public PaneNotes NotesToWrite => Notes ??= new PaneNotes();

    /// <summary>Adds (sign 1) or removes (sign -1) a conversation's cohort entry: its t0, FRT, whether it is a complaint, and its author's key (0 for none).</summary>
    public void ApplyCohort(long t0, long? firstResponse, bool complaint, ulong authorKey, int sign, RiskModel risk)
    {
        Opened += sign;
        if (authorKey != 0) NotesToWrite.Authored.Edit(new AuthoredEntry(t0, firstResponse ?? long.MinValue, authorKey), sign);
        if (firstResponse is { } frt && frt <= risk.Settings.Horizon)
        {
            Frts.Edit(frt, sign);
            if (frt <= risk.Settings.Sla) WithinSla += sign;
            // F once: the risk and the exposure are both of it.
            var f = UnfollowRisk.FMicros(frt);
            RespondedRisk = sign > 0 ? RespondedRisk + risk.OfExposure(f) : RespondedRisk - risk.OfExposure(f);
            RespondedExposure = sign > 0 ? RespondedExposure + UnfollowRisk.Exact(f) : RespondedExposure - UnfollowRisk.Exact(f);
            if (complaint) NotesToWrite.ApplyRespondedComplaint(frt, f, sign, risk.Settings);
        }
        else
        {
            OpenT0s.Edit(t0, sign);
            if (complaint) NotesToWrite.ApplyOpenComplaint(t0, sign);
        }
    }

    /// <summary>Adds (sign 1) or removes (sign -1) a conversation's activity cell.</summary>
    public void ApplyActivity(in Packing.PackedContribution.Cell cell, int sign)
    {
        Inbound += sign * cell.Inbound;
        Outbound += sign * cell.Outbound;
        Responses += sign * cell.Responses;
        ResponseTimeSum += sign * cell.ResponseTimeSum;
        Follows += sign * cell.Follows;
        Unfollows += sign * cell.Unfollows;
    }
}

/// <summary>A reply held by a pane: its near-duplicate keys and whether the customer wrote again after it.</summary>
internal readonly record struct ReplyMark(ReplySketch Sketch, bool FollowedUp);

/// <summary>A cohort conversation whose author is known: its t0, its first response time (long.MinValue for none) and its author's key.</summary>
internal readonly record struct AuthoredEntry(long T0, long Frt, ulong AuthorKey);

/// <summary>
/// What a pane's messages' text and authors add: its complaints, its replies with text and its
/// customers whose author is known. An object of its own, made only for panes that have any: most
/// panes of generated traffic have none, and a brand holds a pane per minute and channel.
/// </summary>
internal sealed class PaneNotes
{
    /// <summary>Complaints among the cohort.</summary>
    public long Complaints;

    /// <summary>Of those, responded (FRT &lt;= H), and within the complaint SLA.</summary>
    public long ComplaintsResponded, ComplaintsWithinSla;

    /// <summary>What the complaint curve adds to F over the responded complaints (sum of F' - F): their customers expected more.</summary>
    public ExactSum ComplaintExcess;

    /// <summary>t0 of complaints not responded yet (among the pane's open t0s), ascending.</summary>
    public SortedLongs ComplaintOpenT0s;

    /// <summary>The brand's replies with text in this minute and channel (canned ones are decided at query time, against all of the brand's).</summary>
    public SmallBag<ReplyMark> Replies;

    /// <summary>The cohort's conversations whose author is known (calibrated unfollow risk).</summary>
    public SmallBag<AuthoredEntry> Authored;

    public void ApplyRespondedComplaint(long frt, double f, int sign, BrandSettings settings)
    {
        Complaints += sign;
        ComplaintsResponded += sign;
        if (frt <= settings.ComplaintSla) ComplaintsWithinSla += sign;
        var excess = UnfollowRisk.ComplaintExcess(f);
        ComplaintExcess = sign > 0 ? ComplaintExcess + excess : ComplaintExcess - excess;
    }

    public void ApplyOpenComplaint(long t0, int sign)
    {
        Complaints += sign;
        ComplaintOpenT0s.Edit(t0, sign);
    }
}
