namespace Analytics.Ingest;

/// <summary>The known fields found in one line: presence bits and the values' UTF-8, read from the line or the scratch buffer.</summary>
internal readonly ref struct LineFields
{
    private readonly ReadOnlySpan<byte> line;
    private readonly ReadOnlySpan<FieldValue> values;
    private readonly ReadOnlySpan<byte> scratch;
    private readonly int present;

    public LineFields(ReadOnlySpan<byte> line, ReadOnlySpan<FieldValue> values, ReadOnlySpan<byte> scratch, int present)
    {
        this.line = line;
        this.values = values;
        this.scratch = scratch;
        this.present = present;
    }

    /// <summary>True when the field was given as a string (absent and null are the same).</summary>
    public bool Has(EventField field) => (this.present & (1 << (int)field)) != 0;

    /// <summary>The field's unescaped UTF-8; empty when absent.</summary>
    public ReadOnlySpan<byte> this[EventField field]
    {
        get
        {
            if (!Has(field))
            {
                return default;
            }
            var value = this.values[(int)field];
            return (value.InScratch ? this.scratch : this.line).Slice(value.Start, value.Length);
        }
    }
}
