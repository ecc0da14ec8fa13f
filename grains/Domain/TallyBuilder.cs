using Analytics.Models;

namespace Analytics.Domain;

/// <summary>Accumulates a <see cref="Tally"/> from panes, or from other tallies (channels into a brand, brands into the overall).</summary>
public sealed class TallyBuilder
{
    private readonly List<long[]> frtRuns = [];
    public long Opened, Responded, WithinSla, Pending, Unanswered;
    public ExactSum ExpectedUnfollows, ExpectedAmplification;
    public long Inbound, Outbound, Responses, Follows, Unfollows;
    public decimal ResponseTimeSum;
    public long Backlog, StaleWaiting;
    public long? OldestWait;

    /// <summary>Adds ascending first response times (the runs are merged once, in <see cref="Build"/>).</summary>
    public void AddFrts(long[] ascending)
    {
        if (ascending.Length > 0) frtRuns.Add(ascending);
    }

    /// <summary>Adds another tally's figures; the oldest wait is the longest of both.</summary>
    public void Add(Tally t)
    {
        Opened += t.Opened;
        Responded += t.Responded;
        WithinSla += t.WithinSla;
        Pending += t.Pending;
        Unanswered += t.Unanswered;
        ExpectedUnfollows += t.ExpectedUnfollows;
        ExpectedAmplification += t.ExpectedAmplification;
        AddFrts(t.Frts);
        Inbound += t.Inbound;
        Outbound += t.Outbound;
        Responses += t.Responses;
        ResponseTimeSum += t.ResponseTimeSum;
        Follows += t.Follows;
        Unfollows += t.Unfollows;
        Backlog += t.Backlog;
        StaleWaiting += t.StaleWaiting;
        NoteWait(t.OldestWait);
    }

    /// <summary>Keeps the longest backlog wait seen.</summary>
    public void NoteWait(long? wait)
    {
        if (wait is { } w && (OldestWait is null || w > OldestWait)) OldestWait = w;
    }

    /// <summary>The tally; first response times merged into one ascending array.</summary>
    public Tally Build() => new(
        Opened, Responded, WithinSla, Pending, Unanswered, ExpectedUnfollows, ExpectedAmplification, MergeRuns(),
        Inbound, Outbound, Responses, ResponseTimeSum, Follows, Unfollows, Backlog, StaleWaiting, OldestWait);

    private long[] MergeRuns()
    {
        if (frtRuns.Count == 0) return [];
        if (frtRuns.Count == 1) return frtRuns[0];
        var all = new long[frtRuns.Sum(r => r.Length)];
        var at = 0;
        foreach (var run in frtRuns)
        {
            run.CopyTo(all, at);
            at += run.Length;
        }
        Array.Sort(all);
        return all;
    }
}
