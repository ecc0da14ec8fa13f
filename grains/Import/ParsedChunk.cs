using Analytics.Domain;
using Analytics.Models;

namespace Analytics.Import;

/// <summary>
/// A stretch of an input file, parsed and already split for the import's workers: each accepted
/// event as a row of <see cref="EventColumns"/>, in <see cref="Shares"/> disjoint shares by a hash
/// of its conversation (no two workers touch one conversation). Splitting as each line is parsed,
/// into columns rather than objects, leaves the collector nothing per event to trace or copy
/// while the chunk waits to be imported.
/// </summary>
public sealed class ParsedChunk
{
    private readonly List<EventColumns[]> pieces = [];
    private readonly List<RejectedLine> rejects = [];
    private IReadOnlyDictionary<string, long>? rejectTotals;

    /// <summary>An empty chunk split into <paramref name="shares"/> shares.</summary>
    public ParsedChunk(int shares)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shares, 1);
        Shares = shares;
    }

    /// <summary>Number of disjoint shares.</summary>
    public int Shares { get; }

    /// <summary>Accepted events.</summary>
    public long EventCount { get; private set; }

    /// <summary>Rejected lines, in file order.</summary>
    public IReadOnlyList<RejectedLine> Rejects => rejects;

    /// <summary>All rejected lines per reason when <see cref="Rejects"/> lists only the first of them (a twcs.csv importer's); null when it lists all.</summary>
    public IReadOnlyDictionary<string, long>? RejectTotals => rejectTotals;

    /// <summary>The events of share <paramref name="share"/>, piece by piece.</summary>
    public IEnumerable<EventColumns> Share(int share) => pieces.Select(p => p[share]);

    /// <summary>A new piece: columns to fill, one per share.</summary>
    public EventColumns[] NewPiece(int capacity = 0)
    {
        var piece = new EventColumns[Shares];
        for (var s = 0; s < Shares; s++) piece[s] = new EventColumns((capacity / Shares) + 16);
        pieces.Add(piece);
        return piece;
    }

    /// <summary>Adds rejected lines (after those already held); <paramref name="totals"/> when they are only the first of these.</summary>
    public void AddRejects(IEnumerable<RejectedLine> lines, IReadOnlyDictionary<string, long>? totals = null)
    {
        rejects.AddRange(lines);
        rejectTotals = totals;
    }

    /// <summary>Counts the events the pieces hold; call once they are filled.</summary>
    public void Seal() => EventCount = pieces.Sum(p => p.Sum(s => (long)s.Count));
}
