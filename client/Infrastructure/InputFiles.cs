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

    /// <summary>Parsed lines of a file; <paramref name="position"/> tracks how far the file has been read, for progress.</summary>
    public static async IAsyncEnumerable<ParsedLine> ReadAsync(string path, InputFormat format, StrongBox<long> position, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (format == InputFormat.TwcsCsv)
        {
            foreach (var line in TwcsLines(path, position))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return line;
            }
            yield break;
        }
        await using var stream = new PositionStream(File.OpenRead(path), position);
        await foreach (var line in NdjsonReader.ReadAsync(stream, cancellationToken)) yield return line;
    }

    private static IEnumerable<ParsedLine> TwcsLines(string path, StrongBox<long> position) =>
        throw new NotImplementedException("twcs import lands with the importer");
}
