namespace Analytics.Models;

/// <summary>Ingest counters of the whole cluster since it started.</summary>
/// <param name="Accepted">Events accepted by ingest (including duplicates).</param>
/// <param name="Applied">Accepted events whose effect has reached their brand.</param>
/// <param name="Rejected">Lines rejected.</param>
/// <param name="Duplicates">Events whose id their conversation already held.</param>
/// <param name="ConflictingDuplicates">Of those, copies with a different payload.</param>
/// <param name="RejectedByReason">Rejected lines per reason category.</param>
/// <param name="RecentRejects">The latest rejected lines (bounded).</param>
[GenerateSerializer, Immutable, Alias("analytics.IngestStatus")]
public sealed record IngestStatus(
    long Accepted,
    long Applied,
    long Rejected,
    long Duplicates,
    long ConflictingDuplicates,
    Dictionary<string, long> RejectedByReason,
    RejectedLine[] RecentRejects);
