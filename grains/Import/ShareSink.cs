using Analytics.Ingest;
using Analytics.Models;

namespace Analytics.Import;

/// <summary>Takes a parser's lines into a chunk's piece: events into the shares of their conversations (without author and text unless <paramref name="keepText"/>), rejects into a list.</summary>
internal readonly struct ShareSink(EventColumns[] piece, List<RejectedLine> rejects, bool keepText = true) : ILineSink
{
    public void Accept(long line, in LineEvent lineEvent) => EventColumns.AddTo(piece, lineEvent, keepText);

    public void Reject(long line, string reason) => rejects.Add(new RejectedLine(line, reason));
}
