using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// The counts of a twcs.csv import, complete once <see cref="TwcsImporter.Open(string, CancellationToken)"/>
/// returns (pass 1 decides everything; pass 2 only streams the events).
/// RowsRead = EventsProduced + RowsRejected + UnattributedTweets.
/// </summary>
/// <param name="RowsRead">Data rows read (header and blank lines not counted).</param>
/// <param name="EventsProduced">Events <see cref="TwcsImporter.ReadEvents"/> yields.</param>
/// <param name="RowsRejected">Rows rejected.</param>
/// <param name="Rejected">The first <see cref="TwcsImporter.MaxRejectedLinesKept"/> rejected rows, with line and reason.</param>
/// <param name="RejectedByReason">Rejected rows per <see cref="RejectedLine.Category"/> (e.g. "created_at invalid").</param>
/// <param name="Trees">Reply trees (conversations before any split by brand).</param>
/// <param name="UnattributedTrees">Trees with no outbound tweet and no known brand among the root's @handles: skipped.</param>
/// <param name="UnattributedTweets">Valid rows in unattributed trees: skipped.</param>
/// <param name="ForeignBrandTweets">Outbound tweets by another brand than their tree's, moved to conversation "ROOT:AUTHOR".</param>
public sealed record TwcsImportResult(
    long RowsRead,
    long EventsProduced,
    long RowsRejected,
    IReadOnlyList<RejectedLine> Rejected,
    IReadOnlyDictionary<string, long> RejectedByReason,
    long Trees,
    long UnattributedTrees,
    long UnattributedTweets,
    long ForeignBrandTweets)
{
    /// <summary>Rejected rows beyond those listed in <see cref="Rejected"/>.</summary>
    public long RejectedNotListed => RowsRejected - Rejected.Count;
}
