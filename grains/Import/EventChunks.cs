using Analytics.Ingest;
using Analytics.Models;

namespace Analytics.Import;

/// <summary>Events already built (a twcs.csv import, the embedded event log) as chunks for the history import.</summary>
public static class EventChunks
{
    /// <summary>Events per chunk.</summary>
    public const int ChunkEvents = 400_000;

    /// <summary>A twcs.csv importer's rejected rows, then its events, in chunks of <see cref="ChunkEvents"/> split into <paramref name="shares"/> shares; without author and text unless <paramref name="keepText"/>.</summary>
    public static IEnumerable<ParsedChunk> Of(TwcsImporter importer, int shares, bool keepText = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(importer);
        return Of(importer.ReadEvents(cancellationToken).Select(e => e.Kept(keepText)), shares, first => first.AddRejects(importer.Result.Rejected, importer.Result.RejectedByReason));
    }

    /// <summary><paramref name="events"/> in chunks of <see cref="ChunkEvents"/> split into <paramref name="shares"/> shares; <paramref name="first"/> may add to the first chunk (rejects).</summary>
    public static IEnumerable<ParsedChunk> Of(IEnumerable<CareEvent> events, int shares, Action<ParsedChunk>? first = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        var chunk = new ParsedChunk(shares);
        first?.Invoke(chunk);
        var piece = chunk.NewPiece(ChunkEvents);
        var count = 0;
        foreach (var e in events)
        {
            EventColumns.AddTo(piece, e);
            if (++count < ChunkEvents) continue;
            chunk.Seal();
            yield return chunk;
            chunk = new ParsedChunk(shares);
            piece = chunk.NewPiece(ChunkEvents);
            count = 0;
        }
        chunk.Seal();
        yield return chunk;
    }
}
