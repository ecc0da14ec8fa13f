using Analytics.Ingest;

namespace Analytics.Import;

/// <summary>A twcs.csv import (<see cref="TwcsImporter"/>) as chunks for the history import: its rejects first, then its events.</summary>
public static class TwcsChunks
{
    /// <summary>Events per chunk.</summary>
    public const int ChunkEvents = 400_000;

    /// <summary>The importer's rejected rows, then its events in chunks of <see cref="ChunkEvents"/>, split into <paramref name="shares"/> shares.</summary>
    public static IEnumerable<ParsedChunk> Of(TwcsImporter importer, int shares, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(importer);
        var chunk = new ParsedChunk(shares);
        chunk.AddRejects(importer.Result.Rejected, importer.Result.RejectedByReason);
        var piece = chunk.NewPiece(ChunkEvents);
        var count = 0;
        foreach (var e in importer.ReadEvents(cancellationToken))
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
