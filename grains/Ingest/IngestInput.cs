namespace Analytics.Ingest;

/// <summary>A file to import: how to open it (from its start; a twcs.csv is read twice) and its format.</summary>
/// <param name="Open">Opens the file from its start; the stream is disposed after use.</param>
/// <param name="Format">NDJSON or twcs.csv.</param>
public sealed record IngestInput(Func<Stream> Open, InputFormat Format)
{
    /// <summary>A twcs.csv import's own counts (trees, unattributed tweets, all rejects), once its first pass ran.</summary>
    public TwcsImportResult? Twcs { get; set; }
}
