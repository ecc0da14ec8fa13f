using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>Counts rejected lines per reason and keeps the first ones for the receipt.</summary>
public sealed class RejectTally
{
    /// <summary>Rejected lines listed in a receipt at most; all are counted.</summary>
    public const int Listed = 100;

    private readonly Dictionary<string, long> byReason = new(StringComparer.Ordinal);
    private readonly List<RejectedLine> first = [];

    /// <summary>Lines rejected so far.</summary>
    public long Count { get; private set; }

    /// <summary>Counts one rejected line.</summary>
    public void Reject(RejectedLine line)
    {
        Count++;
        byReason[line.Category] = byReason.GetValueOrDefault(line.Category) + 1;
        if (first.Count < Listed) first.Add(line);
    }

    /// <summary>
    /// Takes rejects counted elsewhere (a twcs.csv importer, another request's receipt): the lines
    /// listed there, and the totals per reason they are part of; null totals: the list is all.
    /// </summary>
    public void Add(IEnumerable<RejectedLine> listed, IReadOnlyDictionary<string, long>? totalByReason = null)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var listedByReason = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in listed)
        {
            Reject(line);
            listedByReason[line.Category] = listedByReason.GetValueOrDefault(line.Category) + 1;
        }
        foreach (var (category, total) in totalByReason ?? new Dictionary<string, long>())
        {
            CountUnlisted(category, total - listedByReason.GetValueOrDefault(category));
        }
    }

    /// <summary>Counts rejected lines that are not listed (e.g. beyond what an importer kept of them).</summary>
    public void CountUnlisted(string category, long lines)
    {
        Count += lines;
        byReason[category] = byReason.GetValueOrDefault(category) + lines;
    }

    /// <summary>A receipt with these rejects and the given accepted counts.</summary>
    public IngestReceipt Receipt(long accepted, long duplicates) =>
        new(accepted, duplicates, Count, new Dictionary<string, long>(byReason), [.. first]);
}
