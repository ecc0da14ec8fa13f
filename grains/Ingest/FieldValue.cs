namespace Analytics.Ingest;

/// <summary>
/// Where a string field's unescaped UTF-8 value lies: in the line itself when it had no escapes
/// (the common case: nothing is copied), otherwise in the parser's scratch buffer.
/// </summary>
internal readonly record struct FieldValue(int Start, int Length, bool InScratch);
