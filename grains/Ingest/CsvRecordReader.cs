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

    private readonly TextReader reader;
    private readonly int maxRecordLength;
    private readonly char[] input = new char[1 << 16];
    private int position;
    private int end;
    private char[] record = new char[1024];
    private int recordLength;
    private int[] fieldEnds = new int[16];
    private long line = 1;

    /// <summary>Creates a reader that owns <paramref name="reader"/> and disposes it.</summary>
    /// <param name="reader">The text to read.</param>
    /// <param name="maxRecordLength">Longest record kept, in characters (field separators count one each).</param>
    public CsvRecordReader(TextReader reader, int maxRecordLength = DefaultMaxRecordLength)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecordLength, 1);
        this.reader = reader;
        this.maxRecordLength = maxRecordLength;
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
            var start = index == 0 ? 0 : fieldEnds[index - 1];
            return record.AsSpan(start, fieldEnds[index] - start);
        }
    }

    /// <summary>A field of the current record as a string.</summary>
    public string GetString(int index) => this[index].ToString();

    /// <summary>Advances to the next record.</summary>
    /// <returns>False at the end of the input.</returns>
    public bool Read()
    {
        FieldCount = 0;
        recordLength = 0;
        Error = null;
        if (!Fill())
        {
            return false;
        }

        LineNumber = line;
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

            var pending = input.AsSpan(position, end - position);
            if (inQuotes)
            {
                var stop = pending.IndexOfAny('"', '\r', '\n');
                if (stop < 0)
                {
                    Append(pending);
                    position = end;
                    continue;
                }

                Append(pending[..stop]);
                var found = pending[stop];
                position += stop + 1;
                if (found == '"')
                {
                    if (NextIs('"'))
                    {
                        position++;
                        Append("\"");
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else if (found == '\n' || NextIs('\n'))
                {
                    position += found == '\r' ? 1 : 0;
                    line++;
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
                    position++;
                    inQuotes = true;
                    atFieldStart = false;
                    continue;
                }

                var stop = pending.IndexOfAny(',', '\r', '\n');
                if (stop < 0)
                {
                    Append(pending);
                    position = end;
                    atFieldStart = false;
                    continue;
                }

                Append(pending[..stop]);
                var found = pending[stop];
                position += stop + 1;
                if (found == ',')
                {
                    EndField();
                    atFieldStart = true;
                }
                else if (found == '\n' || NextIs('\n'))
                {
                    position += found == '\r' ? 1 : 0;
                    line++;
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
    public void Dispose() => this.reader.Dispose();

    /// <summary>Makes sure unread input is buffered; false at the end of the input.</summary>
    private bool Fill()
    {
        if (position < end)
        {
            return true;
        }

        end = this.reader.Read(input, 0, input.Length);
        position = 0;
        return end > 0;
    }

    private bool NextIs(char expected) => Fill() && input[position] == expected;

    private void Append(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty || Error is not null)
        {
            return;
        }

        // Separators count towards the cap too, so a line of a million commas is also bounded.
        if ((long)recordLength + chars.Length + FieldCount > this.maxRecordLength)
        {
            Error = $"record longer than {this.maxRecordLength} characters";
            return;
        }

        if (recordLength + chars.Length > record.Length)
        {
            Array.Resize(ref record, Math.Min(Math.Max(record.Length * 2, recordLength + chars.Length), this.maxRecordLength));
        }

        chars.CopyTo(record.AsSpan(recordLength));
        recordLength += chars.Length;
    }

    private void EndField()
    {
        if (Error is not null && FieldCount > 0)
        {
            // A malformed record is rejected whole; keep one field so the record still has a line.
            return;
        }

        if ((long)recordLength + FieldCount > this.maxRecordLength)
        {
            Error = $"record longer than {this.maxRecordLength} characters";
            return;
        }

        if (FieldCount == fieldEnds.Length)
        {
            Array.Resize(ref fieldEnds, fieldEnds.Length * 2);
        }

        fieldEnds[FieldCount++] = recordLength;
    }
}
