namespace Analytics.Models;

/// <summary>
/// The locality-sensitive keys of a brand's reply text (MinHash over word pairs, banded): two
/// replies that share a key are near-duplicates, the mark of a canned reply. Computed from the
/// text at ingest (Analytics.Text.ReplySketches), so canned replies are found whether or not the
/// engine keeps text.
/// </summary>
/// <param name="B0">Key of band 0.</param>
/// <param name="B1">Key of band 1.</param>
/// <param name="B2">Key of band 2.</param>
/// <param name="B3">Key of band 3.</param>
/// <param name="B4">Key of band 4.</param>
[GenerateSerializer, Immutable, Alias("analytics.ReplySketch")]
public readonly record struct ReplySketch(uint B0, uint B1, uint B2, uint B3, uint B4)
{
    /// <summary>Number of bands, each a key.</summary>
    public const int Bands = 5;

    /// <summary>The key of band <paramref name="band"/> (0 to 4).</summary>
    public uint this[int band] => band switch
    {
        0 => B0,
        1 => B1,
        2 => B2,
        3 => B3,
        4 => B4,
        _ => throw new ArgumentOutOfRangeException(nameof(band)),
    };
}
