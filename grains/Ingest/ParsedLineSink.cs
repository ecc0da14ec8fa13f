using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>Appends every outcome, in line order, to one list.</summary>
internal readonly struct ParsedLineSink(List<ParsedLine> lines) : ILineSink
{
    public void Accept(long line, in LineEvent lineEvent) => lines.Add(new ParsedLine(line, lineEvent.ToCareEvent(), null));

    public void Reject(long line, string reason) => lines.Add(new ParsedLine(line, null, new RejectedLine(line, reason)));
}
