using System.Collections.Concurrent;
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
    private readonly ConcurrentBag<EventColumns>? recycled;
    private readonly List<RejectedLine> rejects = [];
    private IReadOnlyDictionary<string, long>? rejectTotals;

    /// <summary>An empty chunk split into <paramref name="shares"/> shares.</summary>
    /// <param name="shares">Number of disjoint shares.</param>
    /// <param name="recycled">Columns that earlier chunks of the same read no longer need (<see cref="Release"/>): filled again instead of allocated, since at a chunk's size each is a large-object allocation.</param>
    public ParsedChunk(int shares, ConcurrentBag<EventColumns>? recycled = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shares, 1);
        Shares = shares;
        this.recycled = recycled;
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
        for (var s = 0; s < Shares; s++)
        {
            if (recycled?.TryTake(out var columns) == true) columns.Clear();
            else columns = new EventColumns((capacity / Shares) + 16);
            piece[s] = columns;
        }
        pieces.Add(piece);
        return piece;
    }

    /// <summary>Adds rejected lines (after those already held); <paramref name="totals"/> when they are only the first of these.</summary>
    public void AddRejects(IEnumerable<RejectedLine> lines, IReadOnlyDictionary<string, long>? totals = null)
    {
        rejects.AddRange(lines);
        rejectTotals = totals;
    }

    /// <summary>Hands the chunk's columns back to the pool it was made with; call when every share has been taken out of them.</summary>
    public void Release()
    {
        if (recycled is not null)
        {
            foreach (var columns in pieces.SelectMany(p => p)) recycled.Add(columns);
        }
        pieces.Clear();
    }

    /// <summary>Counts the events the pieces hold; call once they are filled.</summary>
    public void Seal() => EventCount = pieces.Sum(p => p.Sum(s => (long)s.Count));
}
