namespace Analytics.Models;

/// <summary>The answer to one ingest request or replayed file.</summary>
/// <param name="Accepted">Lines accepted (published towards the grains), duplicates included.</param>
/// <param name="Duplicates">Accepted lines whose id already appeared earlier in the same request.</param>
/// <param name="Rejected">Lines rejected.</param>
/// <param name="RejectedByReason">Rejected lines per reason category.</param>
/// <param name="Rejects">The first rejected lines with their reasons (bounded; <paramref name="Rejected"/> has the full count).</param>
[GenerateSerializer, Immutable, Alias("analytics.IngestReceipt")]
public sealed record IngestReceipt(
    long Accepted,
    long Duplicates,
    long Rejected,
    Dictionary<string, long> RejectedByReason,
    RejectedLine[] Rejects);
