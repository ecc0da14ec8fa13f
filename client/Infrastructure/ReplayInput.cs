using System.Runtime.CompilerServices;
using Analytics.Ingest;

namespace Analytics.Client.Infrastructure;

/// <summary>One input file of a replay and what its reading reports while it runs.</summary>
/// <param name="Path">The file.</param>
/// <param name="Format">Its format (resolved, never auto).</param>
public sealed record ReplayInput(string Path, InputFormat Format)
{
    /// <summary>How far the file has been read, for progress (a twcs.csv is read twice: trees first, then events).</summary>
    public StrongBox<long> Position { get; } = new();

    /// <summary>A twcs.csv import's own counts (unattributed trees, all rejects); null for NDJSON.</summary>
    public StrongBox<TwcsImportResult?> Twcs { get; } = new();
}
