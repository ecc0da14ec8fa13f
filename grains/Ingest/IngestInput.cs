namespace Analytics.Ingest;

/// <summary>A file to import: how to open it (from its start; a twcs.csv is read twice) and its format.</summary>
/// <param name="Open">Opens the file from its start; the stream is disposed after use.</param>
/// <param name="Format">NDJSON or twcs.csv.</param>
public sealed record IngestInput(Func<Stream> Open, InputFormat Format)
{
    /// <summary>A twcs.csv import's own counts (trees, unattributed tweets, all rejects), once its first pass ran.</summary>
    public TwcsImportResult? Twcs { get; set; }

    /// <summary>The file's path when it is one on disk: an NDJSON import then maps it rather than reading it through <see cref="Open"/> (<see cref="Import.NdjsonChunks.Map"/>).</summary>
    public string? Path { get; init; }

    /// <summary>Hears how many bytes of <see cref="Path"/> were taken so far, when it is mapped (a stream from <see cref="Open"/> reports its own reading).</summary>
    public Action<long>? Progress { get; init; }
}
