namespace Analytics.Ingest;

/// <summary>
/// A streaming RFC 4180 CSV reader: comma-separated fields, optionally quoted; a doubled quote in a
/// quoted field is one quote; quoted fields may hold newlines. Records end at LF or CRLF. A bare CR
/// (not followed by LF) is read as a space, so that old Mac line breaks inside tweets never split a
/// record. Quoted CRLF is read as LF, so a text's value does not depend on the file's line endings.
/// Only the current record is held in memory, and a record is capped in length: a stray quote that
/// never closes must not make the reader buffer the rest of a multi-gigabyte file.
/// </summary>
/// <remarks>
/// Lenient where RFC 4180 is strict, so that one bad record never stops a file: a quote inside an
/// unquoted field and text after a closing quote are kept literally.
/// </remarks>
public sealed class CsvRecordReader : IDisposable
{
    /// <summary>Default cap on a record's length in characters (far above any tweet).</summary>
    public const int DefaultMaxRecordLength = 1 << 20;

    private readonly TextReader _reader;
    private readonly int _maxRecordLength;
    private readonly char[] _input = new char[1 << 16];
    private int _position;
    private int _end;
    private char[] _record = new char[1024];
    private int _recordLength;
    private int[] _fieldEnds = new int[16];
    private long _line = 1;

    /// <summary>Creates a reader that owns <paramref name="reader"/> and disposes it.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="maxRecordLength">Longest record kept, in characters (field separators count one each).</param>
    public CsvRecordReader(TextReader reader, int maxRecordLength = DefaultMaxRecordLength)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordLength, 1);
        _reader = reader;
        _maxRecordLength = maxRecordLength;
    }

    /// <summary>1-based physical line on which the current record starts.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Number of fields of the current record (a blank line is one empty field).</summary>
    public int FieldCount { get; private set; }

    /// <summary>Why the current record is malformed, or null when it is well formed; a malformed record's fields are incomplete.</summary>
    public string? Error { get; private set; }

    /// <summary>A field of the current record; valid until the next <see cref="Read"/>.</summary>
    public ReadOnlySpan<char> this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FieldCount);
            var start = index == 0 ? 0 : _fieldEnds[index - 1];
            return _record.AsSpan(start, _fieldEnds[index] - start);
        }
    }

    /// <summary>A field of the current record as a string.</summary>
    public string GetString(int index) => this[index].ToString();

    /// <summary>Advances to the next record.</summary>
    /// <returns>False at the end of the input.</returns>
    public bool Read()
    {
        FieldCount = 0;
        _recordLength = 0;
        Error = null;
        if (!Fill())
        {
            return false;
        }

        LineNumber = _line;
        var inQuotes = false;
        var atFieldStart = true;
        while (true)
        {
            if (!Fill())
            {
                if (inQuotes)
                {
                    Error ??= "unterminated quoted field";
                }

                EndField();
                return true;
            }

            var pending = _input.AsSpan(_position, _end - _position);
            if (inQuotes)
            {
                var stop = pending.IndexOfAny('"', '\r', '\n');
                if (stop < 0)
                {
                    Append(pending);
                    _position = _end;
                    continue;
                }

                Append(pending[..stop]);
                var found = pending[stop];
                _position += stop + 1;
                if (found == '"')
                {
                    if (NextIs('"'))
                    {
                        _position++;
                        Append("\"");
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else if (found == '\n' || NextIs('\n'))
                {
                    _position += found == '\r' ? 1 : 0;
                    _line++;
                    Append("\n");
                }
                else
                {
                    Append(" ");
                }
            }
            else
            {
                if (atFieldStart && pending[0] == '"')
                {
                    _position++;
                    inQuotes = true;
                    atFieldStart = false;
                    continue;
                }

                var stop = pending.IndexOfAny(',', '\r', '\n');
                if (stop < 0)
                {
                    Append(pending);
                    _position = _end;
                    atFieldStart = false;
                    continue;
                }

                Append(pending[..stop]);
                var found = pending[stop];
                _position += stop + 1;
                if (found == ',')
                {
                    EndField();
                    atFieldStart = true;
                }
                else if (found == '\n' || NextIs('\n'))
                {
                    _position += found == '\r' ? 1 : 0;
                    _line++;
                    EndField();
                    return true;
                }
                else
                {
                    Append(" ");
                    atFieldStart = false;
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();

    /// <summary>Makes sure unread input is buffered; false at the end of the input.</summary>
    private bool Fill()
    {
        if (_position < _end)
        {
            return true;
        }

        _end = _reader.Read(_input, 0, _input.Length);
        _position = 0;
        return _end > 0;
    }

    private bool NextIs(char expected) => Fill() && _input[_position] == expected;

    private void Append(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty || Error is not null)
        {
            return;
        }

        // Separators count towards the cap too, so a line of a million commas is also bounded.
        if ((long)_recordLength + chars.Length + FieldCount > _maxRecordLength)
        {
            Error = $"record longer than {_maxRecordLength} characters";
            return;
        }

        if (_recordLength + chars.Length > _record.Length)
        {
            Array.Resize(ref _record, Math.Min(Math.Max(_record.Length * 2, _recordLength + chars.Length), _maxRecordLength));
        }

        chars.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += chars.Length;
    }

    private void EndField()
    {
        if (Error is not null && FieldCount > 0)
        {
            // A malformed record is rejected whole; keep one field so the record still has a line.
            return;
        }

        if ((long)_recordLength + FieldCount > _maxRecordLength)
        {
            Error = $"record longer than {_maxRecordLength} characters";
            return;
        }

        if (FieldCount == _fieldEnds.Length)
        {
            Array.Resize(ref _fieldEnds, _fieldEnds.Length * 2);
        }

        _fieldEnds[FieldCount++] = _recordLength;
    }
}
