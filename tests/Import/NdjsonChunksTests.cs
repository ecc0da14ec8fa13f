using Analytics.Domain;
using System.Text;
using Analytics.Import;
using Analytics.Ingest;

namespace Analytics.Tests.Import;

/// <summary>Reading in parallel chunks gives exactly the events and rejects, with file line numbers, of a line-by-line read.</summary>
public class NdjsonChunksTests
{
    private const int MaxLine = 200;

    public static TheoryData<int, int> Cuts => new()
    {
        { MaxLine + 3, 1 },
        { MaxLine + 3, 2 },
        { 300, 3 },
        { 997, 2 },
        { 1 << 16, 2 },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public async Task ReadAsync_AnyChunkSize_SameOutcomesAsLineReader(int chunkBytes, int workers)
    {
        var body = Encoding.UTF8.GetBytes(Body());
        var lines = NdjsonReader.ReadAsync(new MemoryStream(body), MaxLine).ToBlockingEnumerable().ToList();
        var expectedRejects = lines.Where(l => l.Reject is not null).Select(l => l.Reject!).ToList();
        var expectedEvents = lines.Where(l => l.Event is not null).Select(l => (ConversationKey.Of(l.Event!), l.Event!.ToConversationEvent())).ToList();

        var rejects = new List<Models.RejectedLine>();
        var events = new List<(ConversationKey Key, Models.ConversationEvent Event)>();
        await foreach (var chunk in NdjsonChunks.ReadAsync(new MemoryStream(body), chunkBytes, workers, MaxLine))
        {
            Assert.Equal(workers, chunk.Shares);
            rejects.AddRange(chunk.Rejects);
            for (var share = 0; share < chunk.Shares; share++)
            {
                foreach (var piece in chunk.Share(share))
                {
                    for (var row = 0; row < piece.Count; row++)
                    {
                        // A conversation's events all go to one share, whichever chunk they are in.
                        Assert.Equal(share, EventColumns.ShareOf(piece.HashOf(row), workers));
                        events.Add((piece.KeyOf(row), piece.EventOf(row)));
                    }
                }
            }
        }

        // Shares keep file order within themselves; the line reader's order is the file's.
        Assert.Equal(expectedEvents.OrderBy(e => e.Item2.Id, StringComparer.Ordinal), events.OrderBy(e => e.Event.Id, StringComparer.Ordinal));
        Assert.Equal(expectedRejects, rejects);
        Assert.Equal(120, events.Count);
        // The over-long lines, the short invalid ones and the unterminated last line, each with its file line number.
        Assert.Equal(3 + 6 + 1, rejects.Count);
        Assert.Equal(lines[^1].Line, rejects[^1].Line);
    }

    private static string Body()
    {
        var b = new StringBuilder("\uFEFF");
        for (var i = 0; i < 120; i++)
        {
            b.Append($$"""{"id":"e{{i}}","brand":"B","conversationId":"c{{i % 7}}","direction":"{{(i % 3 == 0 ? "outbound" : "inbound")}}","timestamp":"2026-01-01T00:{{i % 60:00}}:00Z"}""");
            b.Append(i % 5 == 0 ? "\r\n" : "\n");
            if (i % 17 == 0) b.Append("\n   \n");
            if (i % 23 == 0) b.Append("{\"id\":\"bad\"}\n");
            if (i % 41 == 0) b.Append('{').Append('x', 3 * MaxLine).Append("}\n");
        }
        // The last line has no line break.
        b.Append("""{"id":"tail","brand":"B"}""");
        return b.ToString();
    }
}
