using System.Text;
using Analytics.Ingest;
using Analytics.Models;
using Xunit;
using static Analytics.Tests.Ingest.NdjsonTestLines;

namespace Analytics.Tests.Ingest;

public class NdjsonReaderTests
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public void Read_EmptyStream_YieldsNothing()
    {
        Assert.Empty(Parse(""));
    }

    [Fact]
    public void Read_OnlyBlankLines_YieldsNothing()
    {
        Assert.Empty(Parse("\n   \n\t\r\n\r\n \r"));
    }

    [Fact]
    public void Read_MixedGoodAndBadLines_KeepsEveryGoodLineWithItsNumber()
    {
        var body = string.Join("\n",
            Message(("id", "\"a\"")),
            Message(("id", "\"b\""), ("timestamp", null)),
            "",
            "{oops",
            Message(("id", "\"c\"")),
            "   ",
            Message(("id", "\"d\""), ("direction", "\"up\"")),
            Message(("id", "\"e\"")));

        var lines = Parse(body);

        Assert.Equal([1L, 2, 4, 5, 7, 8], lines.Select(l => l.Line));
        Assert.Equal([(1L, "a"), (5L, "c"), (8L, "e")], lines.Where(l => l.IsAccepted).Select(l => (l.Line, l.Event!.Id)));
        Assert.Equal(
            [(2L, "timestamp missing"), (4L, "malformed JSON"), (7L, "direction invalid")],
            lines.Where(l => !l.IsAccepted).Select(l => (l.Reject!.Line, l.Reject.Category)));
        Assert.Equal("line 7: direction invalid: 'up' (inbound or outbound)", lines[4].Reject!.ToString());
        Assert.All(lines, l => Assert.True(l.Event is null ^ l.Reject is null));
    }

    [Fact]
    public void Read_CrlfLineEndings_SameAsLf()
    {
        var lf = Parse(Message(("id", "\"a\"")) + "\n\n" + Message(("id", "\"b\"")) + "\n");
        var crlf = Parse(Message(("id", "\"a\"")) + "\r\n\r\n" + Message(("id", "\"b\"")) + "\r\n");

        Assert.Equal(lf, crlf);
        Assert.Equal([1L, 3], crlf.Select(l => l.Line));
    }

    [Fact]
    public void Read_LastLineWithoutLineBreak_Parsed()
    {
        var lines = Parse(Message(("id", "\"a\"")) + "\n" + Message(("id", "\"b\"")));

        Assert.Equal(["a", "b"], lines.Select(l => l.Event!.Id));
    }

    [Fact]
    public void Read_ByteOrderMark_Skipped()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Message() + "\n")).ToArray();

        Assert.True(Assert.Single(Parse(body)).IsAccepted);
    }

    [Fact]
    public void Read_LineOfExactlyTheLimit_Accepted()
    {
        var exact = Padded(MiB);

        var lines = Parse(Encoding.UTF8.GetBytes(exact + "\r\n" + exact + "\n" + Message(("id", "\"after\""))));

        Assert.Equal([1L, 2, 3], lines.Select(l => l.Line));
        Assert.All(lines, l => Assert.True(l.IsAccepted, l.Reject?.Reason));
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Read_LineOverTheLimit_RejectedAndResyncsAtNextLine(string lineBreak)
    {
        var body = Message(("id", "\"before\"")) + lineBreak + Padded(MiB + 1) + lineBreak + Message(("id", "\"after\"")) + lineBreak;

        var lines = Parse(Encoding.UTF8.GetBytes(body));

        Assert.Equal(3, lines.Count);
        Assert.Equal("before", lines[0].Event?.Id);
        Assert.Equal(new RejectedLine(2, "line too long: 1048577 bytes (max 1048576)"), lines[1].Reject);
        Assert.Equal("line too long", lines[1].Reject!.Category);
        Assert.Equal((3L, "after"), (lines[2].Line, lines[2].Event?.Id));
    }

    [Fact]
    public void Read_HugeLineAtEndWithoutLineBreak_RejectedWithItsLength()
    {
        var body = Encoding.UTF8.GetBytes(Message() + "\n" + new string('x', (3 * MiB) + 5));

        var lines = Parse(body);

        Assert.Equal(new RejectedLine(2, "line too long: 3145733 bytes (max 1048576)"), lines[1].Reject);
    }

    [Fact]
    public async Task ReadAsync_LongLinesAcrossSmallReads_RejectedAndResynced()
    {
        // 16-byte reads against a 64-byte limit: every long line spans many reads and is skipped, not buffered.
        var body = Encoding.UTF8.GetBytes(
            new string('x', 1000) + "\n{\"id\":1}\r\n" + new string('y', 65) + "\r\n" + new string('z', 64) + "\r\n");
        var lines = await NdjsonReader.ReadAsync(new MemoryStream(body), maxLineBytes: 64, bufferSize: 16).ToListAsync();
        var rejects = lines.Select(l => l.Reject).OfType<RejectedLine>().ToList();

        Assert.DoesNotContain(lines, l => l.IsAccepted);
        Assert.Equal(
            [
                new RejectedLine(1, "line too long: 1000 bytes (max 64)"),
                new RejectedLine(2, "id wrong type: number (expected string)"),
                new RejectedLine(3, "line too long: 65 bytes (max 64)"),
            ],
            rejects.Take(3));
        Assert.Equal((4L, "malformed JSON"), (rejects[3].Line, rejects[3].Category));
        Assert.Equal(4, lines.Count);
    }

    [Fact]
    public void Feed_AnyChunking_SameOutcomeAsOneChunk()
    {
        // Lines around a 120-byte limit, CRLF and LF, blank, bad and a last line without a break,
        // fed in every chunk size: framing must not depend on where reads split the body.
        var shortEvent = "{\"id\":\"s\",\"brand\":\"b\",\"conversationId\":\"c\",\"direction\":\"inbound\",\"timestamp\":\"2024-03-01T09:00:00Z\"}";
        var pad = (int n) => shortEvent[..^1] + ",\"p\":\"" + new string('p', n - shortEvent.Length - 7) + "\"}";
        var body = Encoding.UTF8.GetBytes(string.Join("",
            shortEvent, "\r\n", pad(120), "\n", pad(120), "\r\n", pad(121), "\r\n", "\n", "  \r\n",
            "{bad", "\n", new string('q', 500), "\r\n", shortEvent, "\n", pad(121), "\n", shortEvent));
        var expected = FeedInChunks(body, body.Length);

        Assert.Equal([1L, 2, 3, 4, 7, 8, 9, 10, 11], expected.Select(l => l.Line));
        Assert.Equal([true, true, true, false, false, false, true, false, true], expected.Select(l => l.IsAccepted));
        for (var size = 1; size <= 130; size++)
        {
            Assert.Equal(expected, FeedInChunks(body, size));
        }
    }

    [Fact]
    public async Task ReadAsync_SameBody_SameOutcomeAsRead()
    {
        var body = Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, 5000).Select(i =>
            i % 7 == 0 ? "{\"id\":" + i + "}" : Message(("id", Q("id" + i))))));
        var asyncLines = new List<ParsedLine>();

        await foreach (var line in NdjsonReader.ReadAsync(new MemoryStream(body)))
        {
            asyncLines.Add(line);
        }

        Assert.Equal(Parse(body), asyncLines);
    }

    [Fact]
    public async Task ReadAsync_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in NdjsonReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(Message())), cts.Token))
            {
            }
        });
    }

    [Fact]
    public async Task ReadAsync_WholeBody_EventsAndRejectsInOrder()
    {
        var body = Encoding.UTF8.GetBytes(Message(("id", "\"a\"")) + "\n" + Message(("brand", null)) + "\n" + Message(("id", "\"c\"")));

        var lines = await NdjsonReader.ReadAsync(new MemoryStream(body)).ToListAsync();

        Assert.Equal(["a", "c"], lines.Where(l => l.IsAccepted).Select(l => l.Event!.Id));
        Assert.Equal([new RejectedLine(2, "brand missing")], lines.Select(l => l.Reject).OfType<RejectedLine>());
        Assert.Equal([1L, 2L, 3L], lines.Select(l => l.Line));
    }

    [Fact]
    public async Task ReadAsync_FirstLineGiven_NumbersAsInTheFile()
    {
        var body = Encoding.UTF8.GetBytes(Message(("id", "\"a\"")) + "\n" + Message(("brand", null)));

        var lines = await NdjsonReader.ReadAsync(new MemoryStream(body), EventLimits.DefaultMaxLineBytes, firstLine: 501).ToListAsync();

        Assert.Equal([501L, 502L], lines.Select(l => l.Line));
    }

    [Fact]
    public async Task ReadAsync_GeneratedBodyOf200kLines_CountsEveryLine()
    {
        // Generated on demand: the body never exists as a whole, so this also shows the reader streams.
        const int total = 200_000;
        var stream = new GeneratedNdjsonStream(total, n =>
            n % 500 == 0 ? ""
            : n % 1000 == 1 ? Message(("id", Q("e" + n)), ("timestamp", null))
            : n % 3 == 0 ? $"{{\"id\":\"f{n}\",\"kind\":\"follow\",\"brand\":\"Brand{n % 5}\",\"timestamp\":\"2024-03-01T09:00:00Z\"}}"
            : Message(("id", Q("e" + n)), ("conversationId", Q("c" + (n / 4))), ("text", Q(new string('t', (int)(n % 300))))));
        long accepted = 0, lastLine = 0;
        var rejectedLines = new List<long>();

        await foreach (var line in NdjsonReader.ReadAsync(stream))
        {
            if (line.IsAccepted) accepted++;
            else rejectedLines.Add(line.Line);
            lastLine = line.Line;
        }

        Assert.Equal(total - 1, lastLine); // the last line (200,000) is blank
        Assert.Equal(total - 400 - 200, accepted);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (i * 1000L) + 1), rejectedLines);
    }

    [Fact]
    public void ReadAsync_NullStream_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => NdjsonReader.ReadAsync(null!));
    }

    /// <summary>A valid message line of exactly <paramref name="bytes"/> bytes, padded with an unknown field.</summary>
    private static string Padded(int bytes)
    {
        var line = Message(("pad", "\"\""));
        return line[..^2] + new string('p', bytes - line.Length) + "\"}";
    }

    private static List<ParsedLine> FeedInChunks(byte[] body, int size)
    {
        var lines = new List<ParsedLine>();
        using var parser = new NdjsonParser(maxLineBytes: 120);
        for (var at = 0; at < body.Length; at += size)
        {
            parser.Feed(body.AsSpan(at, Math.Min(size, body.Length - at)), lines);
        }
        parser.Complete(lines);
        return lines;
    }
}
