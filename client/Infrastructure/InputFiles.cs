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

    /// <summary>Parsed lines of a file, one at a time, in file order.</summary>
    public static async IAsyncEnumerable<ParsedLine> ReadAsync(ReplayInput input, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (input.Format == InputFormat.TwcsCsv)
        {
            var importer = OpenTwcs(input, cancellationToken);
            foreach (var reject in importer.Result.Rejected) yield return new ParsedLine(reject.Line, null, reject);
            foreach (var e in importer.ReadEvents(cancellationToken)) yield return new ParsedLine(0, e, null);
            yield break;
        }
        await using var stream = Open(input);
        await foreach (var line in NdjsonReader.ReadAsync(stream, cancellationToken)) yield return line;
    }

    /// <summary>The file for the history import, its reading counted into <see cref="ReplayInput.Position"/>.</summary>
    public static IngestInput ForImport(ReplayInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new IngestInput(() => Open(input), input.Format);
    }

    private static TwcsImporter OpenTwcs(ReplayInput input, CancellationToken cancellationToken)
    {
        var importer = TwcsImporter.Open(() => Open(input), cancellationToken);
        input.Twcs.Value = importer.Result;
        return importer;
    }

    /// <summary>The file's bytes as they are, counted into <see cref="ReplayInput.Position"/> as they are read.</summary>
    public static Stream Open(ReplayInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        input.Position.Value = 0;
        return new PositionStream(File.OpenRead(input.Path), input.Position);
    }
}
