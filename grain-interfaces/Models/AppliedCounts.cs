namespace Analytics.Models;

/// <summary>Events applied to the grains, with the repeated ids among them.</summary>
/// <param name="Events">Events applied.</param>
/// <param name="Duplicates">Of those, events whose id a conversation already held.</param>
/// <param name="ConflictingDuplicates">Of those, copies with another payload.</param>
[GenerateSerializer, Immutable, Alias("analytics.AppliedCounts")]
public sealed record AppliedCounts(long Events, long Duplicates, long ConflictingDuplicates)
{
    /// <summary>Nothing applied.</summary>
    public static AppliedCounts None { get; } = new(0, 0, 0);

    /// <summary>The sum of two counts.</summary>
    public AppliedCounts Plus(AppliedCounts other) =>
        new(Events + other.Events, Duplicates + other.Duplicates, ConflictingDuplicates + other.ConflictingDuplicates);
}
