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
    private readonly EventLineParser _lineParser = new();
    private readonly int _maxLineBytes;
    private byte[] _carry = [];
    private int _carryLength;
    // Bytes of the over-long line being discarded, or -1 when not discarding.
    private long _skipped = -1;
    private byte _lastSkipped;
    private long _lines;
    private bool _completed;

    /// <summary>Creates a parser that rejects lines longer than <paramref name="maxLineBytes"/> (line break excluded).</summary>
    /// <param name="maxLineBytes">Longest line accepted.</param>
    /// <param name="firstLine">Number of the body's first line: a part of a larger file cut at a line end keeps the file's numbering.</param>
    public NdjsonParser(int maxLineBytes = EventLimits.DefaultMaxLineBytes, long firstLine = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstLine, 1);
        _lines = firstLine - 1;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        // The carry holds a line plus its possible '\r'.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxLineBytes, Array.MaxLength - 1);
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>Lines completed so far, blank ones included: the number of the last line reported.</summary>
    public long LinesCompleted => _lines;

    /// <summary>Parses the lines that <paramref name="chunk"/> completes, appending events and rejects.</summary>
    public void Feed(ReadOnlySpan<byte> chunk, List<CareEvent> events, List<RejectedLine> rejects) =>
        Feed(chunk, new BatchSink(events, rejects));

    /// <summary>Parses the lines that <paramref name="chunk"/> completes, appending their outcomes in order.</summary>
    public void Feed(ReadOnlySpan<byte> chunk, List<ParsedLine> lines) => Feed(chunk, new ParsedLineSink(lines));

    /// <summary>Ends the body: parses a last line that had no line break. Feed may not be called afterwards.</summary>
    public void Complete(List<CareEvent> events, List<RejectedLine> rejects) => Complete(new BatchSink(events, rejects));

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
            if (_skipped >= 0)
            {
                Skip(head);
                EndSkip(sink);
            }
            else if (_carryLength == 0)
            {
                Line(head, sink);
            }
            else if ((long)_carryLength + head.Length > _maxLineBytes + 1L)
            {
                BeginSkip();
                Skip(head);
                EndSkip(sink);
            }
            else
            {
                Append(head);
                Line(_carry.AsSpan(0, _carryLength), sink);
                _carryLength = 0;
            }
            chunk = chunk[(newline + 1)..];
        }
    }

    internal void Complete<TSink>(TSink sink)
        where TSink : struct, ILineSink
    {
        EnsureNotCompleted();
        if (_skipped >= 0)
        {
            EndSkip(sink);
        }
        else if (_carryLength > 0)
        {
            Line(_carry.AsSpan(0, _carryLength), sink);
            _carryLength = 0;
        }
        _completed = true;
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        if (_carry.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_carry);
            _carry = [];
        }
        _lineParser.Dispose();
    }

    // Keeps the start of a line that continues in the next chunk, or counts it once it is too long.
    private void Hold(ReadOnlySpan<byte> part)
    {
        if (_skipped < 0 && (long)_carryLength + part.Length > _maxLineBytes + 1L)
        {
            BeginSkip();
        }
        if (_skipped >= 0)
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
        _skipped = _carryLength;
        if (_carryLength > 0)
        {
            _lastSkipped = _carry[_carryLength - 1];
        }
        _carryLength = 0;
    }

    private void Skip(ReadOnlySpan<byte> part)
    {
        _skipped += part.Length;
        if (!part.IsEmpty)
        {
            _lastSkipped = part[^1];
        }
    }

    private void EndSkip<TSink>(TSink sink)
        where TSink : struct, ILineSink
    {
        var length = _skipped - (_lastSkipped == '\r' ? 1 : 0);
        sink.Reject(++_lines, Reasons.LineTooLong(length, _maxLineBytes));
        _skipped = -1;
        _lastSkipped = 0;
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        var needed = _carryLength + part.Length;
        if (_carry.Length < needed)
        {
            // Doubling keeps copies amortised; the limit check before every Append caps the size.
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, Math.Min(_maxLineBytes + 1, Math.Max(4096, _carry.Length * 2))));
            _carry.AsSpan(0, _carryLength).CopyTo(larger);
            if (_carry.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_carry);
            }
            _carry = larger;
        }
        part.CopyTo(_carry.AsSpan(_carryLength));
        _carryLength = needed;
    }

    private void Line<TSink>(ReadOnlySpan<byte> line, TSink sink)
        where TSink : struct, ILineSink
    {
        var number = ++_lines;
        if (line is [.., (byte)'\r'])
        {
            line = line[..^1];
        }
        if (number == 1 && line.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            line = line[3..];
        }
        if (line.Length > _maxLineBytes)
        {
            sink.Reject(number, Reasons.LineTooLong(line.Length, _maxLineBytes));
            return;
        }
        if (line.IndexOfAnyExcept(" \t\r"u8) < 0)
        {
            return;
        }
        if (_lineParser.TryParse(line, out var careEvent, out var reason))
        {
            sink.Accept(number, careEvent);
        }
        else
        {
            sink.Reject(number, reason);
        }
    }

    private void EnsureNotCompleted()
    {
        if (_completed)
        {
            throw new InvalidOperationException("The body was already completed.");
        }
    }
}
