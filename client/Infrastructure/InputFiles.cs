using System.Runtime.CompilerServices;
using Analytics.Ingest;

namespace Analytics.Client.Infrastructure;

/// <summary>Reads an input file of either format as parsed lines, streaming.</summary>
public static class InputFiles
{
    /// <summary>The file's format: the one asked for, or detected from its first line.</summary>
    public static InputFormat Resolve(string path, string format) => format switch
    {
        "ndjson" => InputFormat.Ndjson,
        "twcs" => InputFormat.TwcsCsv,
        _ => FormatDetector.Detect(path),
    };

    /// <summary>
    /// Parsed lines of a file; <paramref name="position"/> tracks how far the file has been read,
    /// for progress (a twcs.csv is read twice: trees first, then events). <paramref name="twcs"/>
    /// receives a twcs.csv import's own counts (unattributed trees, all rejects).
    /// </summary>
    public static async IAsyncEnumerable<ParsedLine> ReadAsync(
        string path, InputFormat format, StrongBox<long> position, StrongBox<TwcsImportResult?> twcs, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (format == InputFormat.TwcsCsv)
        {
            var importer = TwcsImporter.Open(() => Open(path, position), cancellationToken);
            twcs.Value = importer.Result;
            foreach (var reject in importer.Result.Rejected) yield return new ParsedLine(reject.Line, null, reject);
            foreach (var e in importer.ReadEvents(cancellationToken)) yield return new ParsedLine(0, e, null);
            yield break;
        }
        await using var stream = Open(path, position);
        await foreach (var line in NdjsonReader.ReadAsync(stream, cancellationToken)) yield return line;
    }

    private static Stream Open(string path, StrongBox<long> position)
    {
        position.Value = 0;
        return new PositionStream(File.OpenRead(path), position);
    }
}
