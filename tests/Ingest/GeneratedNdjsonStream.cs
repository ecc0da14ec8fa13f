using System.Text;

namespace Analytics.Tests.Ingest;

/// <summary>
/// A read-only stream that produces NDJSON lines on demand, so a large body never exists in
/// memory at once: the reader under test must stream it.
/// </summary>
internal sealed class GeneratedNdjsonStream(long lineCount, Func<long, string> lineAt) : Stream
{
    private long next;
    private byte[] pending = [];
    private int pendingOffset;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (pendingOffset == pending.Length)
            {
                if (next == lineCount)
                {
                    break;
                }
                pending = Encoding.UTF8.GetBytes(lineAt(++next) + "\n");
                pendingOffset = 0;
            }
            var n = Math.Min(buffer.Length - written, pending.Length - pendingOffset);
            pending.AsSpan(pendingOffset, n).CopyTo(buffer[written..]);
            pendingOffset += n;
            written += n;
        }
        return written;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
