using Analytics.Ingest;
using Analytics.Models;

namespace Analytics.Client.Infrastructure;

/// <summary>Events made in this process, presented as the parsed lines a replay target takes.</summary>
public static class EventLines
{
#pragma warning disable CS1998 // A synchronous sequence behind the asynchronous interface the targets take.
    /// <summary>Each event as an accepted line, numbered from 1.</summary>
    public static async IAsyncEnumerable<ParsedLine> Of(IEnumerable<CareEvent> events)
#pragma warning restore CS1998
    {
        var line = 0L;
        foreach (var e in events) yield return new ParsedLine(++line, e, null);
    }
}
