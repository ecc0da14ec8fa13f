using System.Runtime.CompilerServices;

namespace Analytics.Client.Infrastructure;

/// <summary>
/// Cuts an NDJSON file into request bodies of whole lines, unparsed: the silo parses the bytes the
/// file holds, so a replay over HTTP gives exactly the events of any other path. Each body comes
/// with the file line number of its first line, so rejects name file lines.
/// </summary>
public static class NdjsonFrames
{
    /// <summary>
    /// Bodies of about <paramref name="frameBytes"/> bytes, each ending at a line break (the last
    /// one at the end of the file). A single line longer than that gets a body of its own, which
    /// the silo rejects as too long. A body is valid until the next is asked for.
    /// </summary>
    public static async IAsyncEnumerable<(ReadOnlyMemory<byte> Body, long FirstLine)> ReadAsync(
        Stream stream, int frameBytes, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(frameBytes, 1);
        var buffer = new byte[frameBytes];
        var (filled, firstLine, eof) = (0, 1L, false);
        while (true)
        {
            while (filled < buffer.Length && !eof)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                if (read == 0) eof = true;
                filled += read;
            }
            if (filled == 0) yield break;
            var end = eof ? filled : buffer.AsSpan(0, filled).LastIndexOf((byte)'\n') + 1;
            if (end == 0)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
                continue;
            }
            yield return (buffer.AsMemory(0, end), firstLine);
            firstLine += buffer.AsSpan(0, end).Count((byte)'\n');
            buffer.AsSpan(end, filled - end).CopyTo(buffer);
            filled -= end;
        }
    }
}
