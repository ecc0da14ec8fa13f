using System.Collections;

namespace Analytics.Ingest;

/// <summary>
/// What pass 2 needs from pass 1, per valid row in file order: the tweet id (to check the file has
/// not changed), its tree's root row, and the brand its event belongs to. About 16 bytes a tweet.
/// </summary>
/// <param name="Ids">Tweet id per valid row.</param>
/// <param name="Roots">Row of the tree's root per valid row.</param>
/// <param name="EventBrands">Index in <paramref name="BrandNames"/> of the event's brand per valid row; -1 when its tree is unattributed.</param>
/// <param name="OtherBrand">Set for an outbound tweet by another brand than its tree's: it goes to "ROOT:AUTHOR".</param>
/// <param name="BrandNames">Brand names (author spellings) of the events.</param>
/// <param name="Trees">Reply trees (roots) among valid rows.</param>
/// <param name="UnattributedTrees">Trees without a brand, skipped.</param>
/// <param name="UnattributedTweets">Valid rows in those trees.</param>
/// <param name="ForeignBrandTweets">Rows with <paramref name="OtherBrand"/> set.</param>
internal sealed record TwcsTrees(
    ChunkedList<long> Ids,
    int[] Roots,
    int[] EventBrands,
    BitArray OtherBrand,
    string[] BrandNames,
    long Trees,
    long UnattributedTrees,
    long UnattributedTweets,
    long ForeignBrandTweets);
