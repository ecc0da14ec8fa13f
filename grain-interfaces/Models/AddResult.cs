namespace Analytics.Models;

/// <summary>What a conversation did with a batch of its events.</summary>
/// <param name="Update">The conversation's current contribution (its version tells whether it changed); null for an empty conversation.</param>
/// <param name="Added">Events that were new to the conversation.</param>
/// <param name="Duplicates">Events whose id the conversation already held.</param>
/// <param name="ConflictingDuplicates">Duplicates whose payload differed from the copy held.</param>
[GenerateSerializer, Immutable, Alias("analytics.AddResult")]
public sealed record AddResult(Contribution? Update, int Added, int Duplicates, int ConflictingDuplicates);
