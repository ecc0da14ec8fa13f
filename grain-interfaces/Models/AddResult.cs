namespace Analytics.Models;

/// <summary>What a conversation did with a batch of its events.</summary>
/// <param name="Update">
/// The conversation's current contribution (its version tells whether it changed), packed as a
/// brand holds it, so neither the router nor the brand builds or packs an object graph per
/// conversation; null for an empty conversation.
/// </param>
/// <param name="Channels">The channel names by number that <paramref name="Update"/> is packed with (the conversation's silo numbers channels in order of first use).</param>
/// <param name="Added">Events that were new to the conversation.</param>
/// <param name="Duplicates">Events whose id the conversation already held.</param>
/// <param name="ConflictingDuplicates">Duplicates whose payload differed from the copy held.</param>
[GenerateSerializer, Immutable, Alias("analytics.AddResult")]
public sealed record AddResult(byte[]? Update, string[] Channels, int Added, int Duplicates, int ConflictingDuplicates);
