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

    /// <summary>The complaints among <see cref="OpenT0s"/>: their expectation is met differently while pending.</summary>
    public SortedLongs ComplaintOpenT0s;

    /// <summary>The brand's replies with text in this minute and channel (canned replies are decided at query time, against all of the brand's).</summary>
    public SmallBag<ReplyMark> Replies;

    /// <summary>The cohort's conversations whose author is known (calibrated unfollow risk).</summary>
    public SmallBag<AuthoredEntry> Authored;

    /// <summary>Sum of F(FRT) over the responded conversations: the exposure to unfollowing, for pUnfollow = 1.</summary>
    public ExactSum RespondedExposure;

    /// <summary>The next pane of the same minute (another channel): its number in the index plus one, 0 for none.</summary>
    public int Next;

    /// <summary>The pane's channel.</summary>
    public readonly string Channel { get; } = channel;

    public long Opened, WithinSla;
    public ExactSum RespondedRisk;
    public long Complaints, ComplaintsResponded, ComplaintsWithinSla;
    /// <summary>Share of customers whose expectation was met, summed over the responded conversations (<see cref="RiskModel.Met"/>).</summary>
    public ExactSum RespondedMet;
    public long Inbound, Outbound, Responses, ResponseTimeSum, Follows, Unfollows;

    public readonly bool IsEmpty => Opened == 0 && Inbound == 0 && Outbound == 0 && Follows == 0 && Unfollows == 0 && Responses == 0;

    /// <summary>Adds (sign 1) or removes (sign -1) a conversation's cohort entry: its t0, FRT, whether it is a complaint, and its author's key (0 for none).</summary>
    public void ApplyCohort(long t0, long? firstResponse, bool complaint, ulong authorKey, int sign, RiskModel risk)
    {
        Opened += sign;
        if (complaint) Complaints += sign;
        if (authorKey != 0) Authored.Edit(new AuthoredEntry(t0, firstResponse ?? long.MinValue, authorKey), sign);
        if (firstResponse is { } frt && frt <= risk.Settings.Horizon)
        {
            Frts.Edit(frt, sign);
            if (frt <= risk.Settings.Sla) WithinSla += sign;
            RespondedRisk = sign > 0 ? RespondedRisk + risk.Of(frt) : RespondedRisk - risk.Of(frt);
            RespondedMet = sign > 0 ? RespondedMet + RiskModel.Met(frt, complaint) : RespondedMet - RiskModel.Met(frt, complaint);
            RespondedExposure = sign > 0 ? RespondedExposure + RiskModel.Exposure(frt) : RespondedExposure - RiskModel.Exposure(frt);
            if (!complaint) return;
            ComplaintsResponded += sign;
            if (frt <= risk.Settings.ComplaintSla) ComplaintsWithinSla += sign;
        }
        else
        {
            OpenT0s.Edit(t0, sign);
            if (complaint) ComplaintOpenT0s.Edit(t0, sign);
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
