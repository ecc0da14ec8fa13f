using System.Runtime.CompilerServices;

namespace Analytics.Ingest;

/// <summary>
/// Line-by-line NDJSON reading: every non-blank line of the body becomes a <see cref="ParsedLine"/>,
/// in order, either an event or a reject with its line number. Bad input never throws; only I/O
/// errors and cancellation do. For batches, use <see cref="NdjsonBatchReader"/>.
/// </summary>
public static class NdjsonReader
{
    /// <summary>Reads <paramref name="stream"/> to its end, streaming (flat memory).</summary>
    public static IEnumerable<ParsedLine> Read(Stream stream, int maxLineBytes = EventLimits.DefaultMaxLineBytes)
    {
        // Arguments are checked now, not at the first MoveNext.
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        return ReadIterator(stream, maxLineBytes);
    }

    /// <summary>Reads <paramref name="stream"/> to its end asynchronously, streaming (flat memory).</summary>
    public static IAsyncEnumerable<ParsedLine> ReadAsync(Stream stream, CancellationToken cancellationToken = default) =>
        ReadAsync(stream, EventLimits.DefaultMaxLineBytes, 1, cancellationToken);

    /// <summary>Reads <paramref name="stream"/> to its end asynchronously, with a custom line limit, numbering lines from <paramref name="firstLine"/>.</summary>
    public static IAsyncEnumerable<ParsedLine> ReadAsync(Stream stream, int maxLineBytes, long firstLine = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstLine, 1);
        return ReadAsyncIterator(stream, maxLineBytes, firstLine, cancellationToken);
    }

    private static IEnumerable<ParsedLine> ReadIterator(Stream stream, int maxLineBytes)
    {
        using var reader = new NdjsonBatchReader(stream, maxLineBytes);
        var lines = new List<ParsedLine>();
        while (reader.ReadBatch(lines))
        {
            foreach (var line in lines)
            {
                yield return line;
            }
            lines.Clear();
        }
    }

    private static async IAsyncEnumerable<ParsedLine> ReadAsyncIterator(
        Stream stream, int maxLineBytes, long firstLine, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new NdjsonBatchReader(stream, maxLineBytes, firstLine: firstLine);
        var lines = new List<ParsedLine>();
        while (await reader.ReadBatchAsync(lines, cancellationToken).ConfigureAwait(false))
        {
            foreach (var line in lines)
            {
                yield return line;
            }
            lines.Clear();
        }
    }
}
