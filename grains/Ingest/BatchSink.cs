using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>Appends events and rejects to two lists: what a caller that publishes batches wants.</summary>
internal readonly struct BatchSink(List<CareEvent> events, List<RejectedLine> rejects) : ILineSink
{
    public void Accept(long line, CareEvent careEvent) => events.Add(careEvent);

    public void Reject(long line, string reason) => rejects.Add(new RejectedLine(line, reason));
}
