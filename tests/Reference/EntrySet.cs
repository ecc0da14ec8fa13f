namespace Analytics.Tests.Reference;

/// <summary>
/// The flat facts one metrics object is computed from. Brand, channel and overall metrics are the
/// same function over different subsets, which keeps the three levels consistent by construction.
/// </summary>
public sealed record EntrySet(
    IReadOnlyList<CohortEntry> Cohort,
    IReadOnlyList<ActivityEntry> Activity,
    IReadOnlyList<ResponseEntry> Responses,
    IReadOnlyList<WaitingEntry> Waiting,
    IReadOnlyList<ReplyFact> Replies,
    double? CalibratedPUnfollow = null)
{
    public EntrySet ForChannel(string channel) => new(
        Cohort.Where(c => c.Channel == channel).ToList(),
        Activity.Where(a => a.Channel == channel).ToList(),
        Responses.Where(r => r.Channel == channel).ToList(),
        Waiting.Where(w => w.Channel == channel).ToList(),
        Replies.Where(r => r.Channel == channel).ToList(),
        CalibratedPUnfollow);

    public static EntrySet Concat(IEnumerable<EntrySet> sets)
    {
        var list = sets.ToList();
        return new EntrySet(
            list.SelectMany(s => s.Cohort).ToList(),
            list.SelectMany(s => s.Activity).ToList(),
            list.SelectMany(s => s.Responses).ToList(),
            list.SelectMany(s => s.Waiting).ToList(),
            list.SelectMany(s => s.Replies).ToList());
    }
}
