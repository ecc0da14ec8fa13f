namespace Analytics.Ingest;

/// <summary>The kinds of input file the engine imports.</summary>
public enum InputFormat
{
    /// <summary>Neither format was recognised.</summary>
    Unknown = 0,
    /// <summary>One JSON event per line (METRICS-SPEC section 1).</summary>
    Ndjson = 1,
    /// <summary>The Kaggle "Customer Support on Twitter" CSV (METRICS-SPEC section 7).</summary>
    TwcsCsv = 2,
}
