using System.Buffers;
using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// Reads NDJSON from a stream one buffer at a time and hands back the lines each read completes,
/// as batches a caller can publish. Memory is the read buffer plus at most one line, whatever the
/// body's size. The stream stays the caller's (not disposed here). For a PipeReader, wrap it with
/// <c>AsStream()</c> or feed its segments to <see cref="NdjsonParser"/> directly.
/// </summary>
public sealed class NdjsonBatchReader : IDisposable
{
    /// <summary>Bytes read from the stream at a time.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    private readonly Stream stream;
    private readonly NdjsonParser parser;
    private byte[] buffer;
    private bool done;

    /// <summary>Creates a reader over <paramref name="stream"/>.</summary>
    /// <param name="stream">The body.</param>
    /// <param name="maxLineBytes">Longest line accepted.</param>
    /// <param name="bufferSize">Bytes read at a time.</param>
    /// <param name="firstLine">Number of the body's first line (a part of a file keeps the file's numbering).</param>
    public NdjsonBatchReader(Stream stream, int maxLineBytes = EventLimits.DefaultMaxLineBytes, int bufferSize = DefaultBufferSize, long firstLine = 1)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        this.stream = stream;
        parser = new NdjsonParser(maxLineBytes, firstLine);
        buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>Lines read so far, blank ones included.</summary>
    public long LinesRead => parser.LinesCompleted;

    /// <summary>
    /// Reads once from the stream and appends the events and rejects of the lines completed.
    /// Returns false, appending nothing, once the whole stream has been reported.
    /// </summary>
    public bool ReadBatch(List<CareEvent> events, List<RejectedLine> rejects) =>
        !done && Deliver(this.stream.Read(buffer), new BatchSink(events, rejects));

    /// <inheritdoc cref="ReadBatch(List{CareEvent}, List{RejectedLine})"/>
    public async ValueTask<bool> ReadBatchAsync(List<CareEvent> events, List<RejectedLine> rejects, CancellationToken cancellationToken = default) =>
        !done && Deliver(await this.stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false), new BatchSink(events, rejects));

    /// <summary>
    /// Reads once from the stream and appends the outcomes of the lines completed, in order.
    /// Returns false, appending nothing, once the whole stream has been reported.
    /// </summary>
    public bool ReadBatch(List<ParsedLine> lines) => !done && Deliver(this.stream.Read(buffer), new ParsedLineSink(lines));

    /// <inheritdoc cref="ReadBatch(List{ParsedLine})"/>
    public async ValueTask<bool> ReadBatchAsync(List<ParsedLine> lines, CancellationToken cancellationToken = default) =>
        !done && Deliver(await this.stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false), new ParsedLineSink(lines));

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }
        parser.Dispose();
    }

    // The one core both the synchronous and the asynchronous reads share.
    private bool Deliver<TSink>(int read, TSink sink)
        where TSink : struct, ILineSink
    {
        if (read == 0)
        {
            parser.Complete(sink);
            done = true;
        }
        else
        {
            parser.Feed(buffer.AsSpan(0, read), sink);
        }
        return true;
    }
}
