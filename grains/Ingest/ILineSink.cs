using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// Where <see cref="NdjsonParser"/> delivers line outcomes. Implemented by structs and used as a
/// generic constraint so the JIT specialises the framing loop per sink, with no interface calls.
/// </summary>
internal interface ILineSink
{
    void Accept(long line, in LineEvent lineEvent);

    void Reject(long line, string reason);
}
