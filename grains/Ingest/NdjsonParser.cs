using System.Buffers;
using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// Push parser for NDJSON: feed it the body in chunks of any size (stream reads, pipe segments)
/// and it reports each completed line as an event or a reject. A line that fits in the chunk it
/// ends in is parsed in place; only a line cut by a chunk boundary is copied, and never more than
/// the line limit of it: a longer line is counted, not kept, until its newline, so memory stays
/// flat whatever the body holds. Lines end at '\n'; a '\r' before it is dropped; a UTF-8 byte
/// order mark before the first line is skipped; blank lines count for numbering but yield nothing.
/// Not thread-safe.
/// </summary>
public sealed class NdjsonParser : IDisposable
{
    private readonly EventLineParser lineParser = new();
    private readonly int maxLineBytes;
    private byte[] carry = [];
    private int carryLength;
    // Bytes of the over-long line being discarded, or -1 when not discarding.
    private long skipped = -1;
    private byte lastSkipped;
    private long lines;
    private bool completed;

    /// <summary>Creates a parser that rejects lines longer than <paramref name="maxLineBytes"/> (line break excluded).</summary>
    /// <param name="maxLineBytes">Longest line accepted.</param>
    /// <param name="firstLine">Number of the body's first line: a part of a larger file cut at a line end keeps the file's numbering.</param>
    public NdjsonParser(int maxLineBytes = EventLimits.DefaultMaxLineBytes, long firstLine = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstLine, 1);
        this.lines = firstLine - 1;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        // The carry holds a line plus its possible '\r'.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLineBytes, Array.MaxLength - 1);
        this.maxLineBytes = maxLineBytes;
    }

    /// <summary>Lines completed so far, blank ones included: the number of the last line reported.</summary>
    public long LinesCompleted => this.lines;

    /// <summary>Parses the lines that <paramref name="chunk"/> completes, appending their outcomes in order.</summary>
    public void Feed(ReadOnlySpan<byte> chunk, List<ParsedLine> lines) => Feed(chunk, new ParsedLineSink(lines));

    /// <summary>Ends the body: parses a last line that had no line break. Feed may not be called afterwards.</summary>
    public void Complete(List<ParsedLine> lines) => Complete(new ParsedLineSink(lines));

    internal void Feed<TSink>(ReadOnlySpan<byte> chunk, TSink sink)
        where TSink : struct, ILineSink
    {
        EnsureNotCompleted();
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            if (newline < 0)
            {
                Hold(chunk);
                return;
            }
            var head = chunk[..newline];
            if (skipped >= 0)
            {
                Skip(head);
                EndSkip(sink);
            }
            else if (carryLength == 0)
            {
                Line(head, sink);
            }
            else if ((long)carryLength + head.Length > this.maxLineBytes + 1L)
            {
                BeginSkip();
                Skip(head);
                EndSkip(sink);
            }
            else
            {
                Append(head);
                Line(carry.AsSpan(0, carryLength), sink);
                carryLength = 0;
            }
            chunk = chunk[(newline + 1)..];
        }
    }

    internal void Complete<TSink>(TSink sink)
        where TSink : struct, ILineSink
    {
        EnsureNotCompleted();
        if (skipped >= 0)
        {
            EndSkip(sink);
        }
        else if (carryLength > 0)
        {
            Line(carry.AsSpan(0, carryLength), sink);
            carryLength = 0;
        }
        completed = true;
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        if (carry.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(carry);
            carry = [];
        }
        lineParser.Dispose();
    }

    // Keeps the start of a line that continues in the next chunk, or counts it once it is too long.
    private void Hold(ReadOnlySpan<byte> part)
    {
        if (skipped < 0 && (long)carryLength + part.Length > this.maxLineBytes + 1L)
        {
            BeginSkip();
        }
        if (skipped >= 0)
        {
            Skip(part);
        }
        else
        {
            Append(part);
        }
    }

    private void BeginSkip()
    {
        skipped = carryLength;
        if (carryLength > 0)
        {
            lastSkipped = carry[carryLength - 1];
        }
        carryLength = 0;
    }

    private void Skip(ReadOnlySpan<byte> part)
    {
        skipped += part.Length;
        if (!part.IsEmpty)
        {
            lastSkipped = part[^1];
        }
    }

    private void EndSkip<TSink>(TSink sink)
        where TSink : struct, ILineSink
    {
        var length = skipped - (lastSkipped == '\r' ? 1 : 0);
        sink.Reject(++this.lines, Reasons.LineTooLong(length, this.maxLineBytes));
        skipped = -1;
        lastSkipped = 0;
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        var needed = carryLength + part.Length;
        if (carry.Length < needed)
        {
            // Doubling keeps copies amortised; the limit check before every Append caps the size.
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Min(this.maxLineBytes + 1, Math.Max(4096, carry.Length * 2))));
            carry.AsSpan(0, carryLength).CopyTo(larger);
            if (carry.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(carry);
            }
            carry = larger;
        }
        part.CopyTo(carry.AsSpan(carryLength));
        carryLength = needed;
    }

    private void Line<TSink>(ReadOnlySpan<byte> line, TSink sink)
        where TSink : struct, ILineSink
    {
        var number = ++this.lines;
        if (line is [.., (byte)'\r'])
        {
            line = line[..^1];
        }
        if (number == 1 && line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            line = line[3..];
        }
        if (line.Length > this.maxLineBytes)
        {
            sink.Reject(number, Reasons.LineTooLong(line.Length, this.maxLineBytes));
            return;
        }
        if (line.IndexOfAnyExcept(" \t\r"u8) < 0)
        {
            return;
        }
        if (lineParser.TryParse(line, out LineEvent lineEvent, out var reason))
        {
            sink.Accept(number, lineEvent);
        }
        else
        {
            sink.Reject(number, reason);
        }
    }

    private void EnsureNotCompleted()
    {
        if (completed)
        {
            throw new InvalidOperationException("The body was already completed.");
        }
    }
}
