namespace Analytics.Domain;

/// <summary>Nearest-rank percentiles over an ascending array.</summary>
public static class NearestRank
{
    /// <summary>
    /// The smallest value with at least <paramref name="percent"/>% of the values at or below it,
    /// or null for no values. The rank is computed in integers: 0.9 * 10 in doubles is not 9.
    /// </summary>
    public static long? Of(long[] ascending, int percent)
    {
        if (ascending.Length == 0) return null;
        var rank = ((long)ascending.Length * percent + 99) / 100;
        return ascending[Math.Max(rank, 1) - 1];
    }
}
