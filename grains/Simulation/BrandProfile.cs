namespace Analytics.Simulation;

/// <summary>How one simulated brand behaves.</summary>
/// <param name="Name">Brand account name.</param>
/// <param name="Popularity">Share of all conversations that go to this brand (all brands sum to 1).</param>
/// <param name="MedianReply">Median time to the first reply of a conversation it answers.</param>
/// <param name="UnansweredShare">Share of conversations it never answers.</param>
public sealed record BrandProfile(string Name, double Popularity, TimeSpan MedianReply, double UnansweredShare)
{
    // Demo brands first (a dashboard reads better with names); beyond them numbered accounts.
    private static readonly string[] DemoNames =
    [
        "AcmeHelp", "GlobexCare", "InitechSupport", "UmbrellaCares", "HooliHelp", "StarkAssist",
        "WayneCare", "CyberdyneHelp", "SoylentSupport", "WonkaCare", "TyrellHelp", "PiedPiperCare",
    ];

    /// <summary>
    /// The brands of a run, most popular first. Reply medians are spread evenly in log scale between
    /// the fastest and the slowest (stratified, so even 12 brands cover the range) and shuffled, so
    /// that speed does not follow popularity.
    /// </summary>
    public static BrandProfile[] CreateAll(TrafficOptions options, Random rng)
    {
        var n = options.Brands;
        var weights = new double[n];
        for (var i = 0; i < n; i++) weights[i] = 1 / Math.Pow(i + 1, options.PopularityExponent);
        var total = weights.Sum();

        var strata = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(strata);
        double fastest = Math.Log(options.FastestMedianReply.TotalSeconds), slowest = Math.Log(options.SlowestMedianReply.TotalSeconds);

        var brands = new BrandProfile[n];
        for (var i = 0; i < n; i++)
        {
            var quantile = n == 1 ? 0.5 : (strata[i] + rng.NextDouble()) / n;
            var median = TimeSpan.FromSeconds(Math.Round(Math.Exp(fastest + ((slowest - fastest) * quantile))));
            var unanswered = Math.Round(options.MaxUnansweredShare * rng.NextDouble(), 3);
            brands[i] = new BrandProfile(NameOf(i), weights[i] / total, median, unanswered);
        }
        return brands;
    }

    private static string NameOf(int index) =>
        index < DemoNames.Length ? DemoNames[index] : "Brand" + (index + 1).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
}
