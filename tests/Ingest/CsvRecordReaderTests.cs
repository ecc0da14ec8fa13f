using Analytics.Ingest;
using Xunit;

namespace Analytics.Tests.Ingest;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public void Read_QuotedNewlineAndDoubledQuotes_OneFieldAndStartLines()
    {
        var records = ReadAll("a,\"x\ny \"\"q\"\", z\",b\nc,d,e\n");

        Assert.Equal(["1:a|x\ny \"q\", z|b", "3:c|d|e"], records);
    }

    [Fact]
    public void Read_BareCarriageReturn_ReadAsSpaceInAndOutOfQuotes()
    {
        var records = ReadAll("a\rb,\"c\rd\"\r\ne,f");

        Assert.Equal(["1:a b|c d", "2:e|f"], records);
    }

    [Fact]
    public void Read_QuotedCrLf_ReadAsLf()
    {
        var records = ReadAll("\"x\r\ny\",z\r\n");

        Assert.Equal(["1:x\ny|z"], records);
    }

    [Fact]
    public void Read_EmptyFieldsAndBlankLine_Kept()
    {
        var records = ReadAll(",,\n\n\"\",x");

        Assert.Equal(["1:||", "2:", "3:|x"], records);
    }

    [Fact]
    public void Read_EmptyInput_NoRecord()
    {
        Assert.Empty(ReadAll(""));
    }

    [Fact]
    public void Read_CrLfAcrossBufferBoundary_EndsRecordOnce()
    {
        // The reader buffers 64 Ki characters; put the CR last in the first buffer and the LF first in the next.
        var first = new string('a', (1 << 16) - 1);

        var records = ReadAll(first + "\r\nb\r\n");

        Assert.Equal([$"1:{first}", "2:b"], records);
    }

    [Fact]
    public void Read_LenientQuotes_KeptLiterally()
    {
        var records = ReadAll("ab\"c,\"d\"e\n");

        Assert.Equal(["1:ab\"c|de"], records);
    }

    [Fact]
    public void Read_UnterminatedQuote_ReportsError()
    {
        using var reader = new CsvRecordReader(new StringReader("a,\"never closed\nb,c\n"));

        Assert.True(reader.Read());
        Assert.Equal("unterminated quoted field", reader.Error);
        Assert.False(reader.Read());
    }

    [Fact]
    public void Read_RecordOverCap_ReportsErrorAndNextRecordIsFine()
    {
        using var reader = new CsvRecordReader(new StringReader("0123456789abc,d\nok,1\n"), maxRecordLength: 10);

        Assert.True(reader.Read());
        Assert.Equal("record longer than 10 characters", reader.Error);
        Assert.True(reader.Read());
        Assert.Null(reader.Error);
        Assert.Equal((2L, "ok", "1"), (reader.LineNumber, reader.GetString(0), reader.GetString(1)));
    }

    /// <summary>Each record as "line:field|field|...".</summary>
    private static List<string> ReadAll(string text)
    {
        using var reader = new CsvRecordReader(new StringReader(text));
        var records = new List<string>();
        while (reader.Read())
        {
            Assert.Null(reader.Error);
            records.Add($"{reader.LineNumber}:{string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(reader.GetString))}");
        }

        return records;
    }
}
