using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>A body broke off while it was read (its sender went away, a size limit): what was read before is ingested and counted in <see cref="Partial"/>.</summary>
public sealed class IngestInterruptedException(IngestReceipt partial, IOException inner)
    : IOException($"the body broke off after {partial.Accepted} accepted and {partial.Rejected} rejected lines: {inner.Message}", inner)
{
    /// <summary>The receipt of what was read before the break.</summary>
    public IngestReceipt Partial { get; } = partial;
}
