using System.Buffers;
using System.Runtime.CompilerServices;

namespace Analytics.Ingest;

/// <summary>
/// Reads an NDJSON body line by line: every non-blank line becomes a <see cref="ParsedLine"/>, in
/// order, either an event or a reject with its line number. Memory is the read buffer plus at most
/// one line (<see cref="NdjsonParser"/>), whatever the body's size. Bad input never throws; only
/// I/O errors and cancellation do. The stream stays the caller's.
/// </summary>
public static class NdjsonReader
{
    /// <summary>Bytes read from the stream at a time by default.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    /// <summary>Reads <paramref name="stream"/> to its end, streaming.</summary>
    public static IAsyncEnumerable<ParsedLine> ReadAsync(Stream stream, CancellationToken cancellationToken = default) =>
        ReadAsync(stream, EventLimits.DefaultMaxLineBytes, 1, cancellationToken);

    /// <summary>Reads <paramref name="stream"/> to its end, streaming.</summary>
    /// <param name="stream">The body.</param>
    /// <param name="maxLineBytes">Longest line accepted.</param>
    /// <param name="firstLine">Number of the body's first line (a part of a file keeps the file's numbering).</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <param name="bufferSize">Bytes read at a time.</param>
    public static IAsyncEnumerable<ParsedLine> ReadAsync(Stream stream, int maxLineBytes, long firstLine = 1, CancellationToken cancellationToken = default, int bufferSize = DefaultBufferSize)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstLine, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        return ReadIterator(stream, maxLineBytes, firstLine, bufferSize, cancellationToken);
    }

    private static async IAsyncEnumerable<ParsedLine> ReadIterator(
        Stream stream, int maxLineBytes, long firstLine, int bufferSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var parser = new NdjsonParser(maxLineBytes, firstLine);
        var buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        var lines = new List<ParsedLine>();
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(0, bufferSize), cancellationToken).ConfigureAwait(false);
                if (read == 0) parser.Complete(lines);
                else parser.Feed(buffer.AsSpan(0, read), lines);
                foreach (var line in lines) yield return line;
                lines.Clear();
                if (read == 0) yield break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
