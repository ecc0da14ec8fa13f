using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>The outcome of one non-blank NDJSON line: exactly one of <see cref="Event"/> and <see cref="Reject"/> is set.</summary>
/// <param name="Line">1-based line number in the body (blank lines count).</param>
/// <param name="Event">The accepted event, or null when the line was rejected.</param>
/// <param name="Reject">Why the line was rejected, or null when it was accepted.</param>
public readonly record struct ParsedLine(long Line, CareEvent? Event, RejectedLine? Reject)
{
    /// <summary>True when the line became an event.</summary>
    public bool IsAccepted => Event is not null;
}
