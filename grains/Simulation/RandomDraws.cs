namespace Analytics.Simulation;

/// <summary>The few distributions the generator draws from, on a seeded <see cref="Random"/>.</summary>
internal static class RandomDraws
{
    /// <summary>True with probability <paramref name="p"/>.</summary>
    public static bool Chance(this Random rng, double p) => rng.NextDouble() < p;

    /// <summary>A log-normal draw with the given median (in any unit) and sigma of the log: waiting times are skewed like this.</summary>
    public static double LogNormal(this Random rng, double median, double sigma) => median * Math.Exp(sigma * rng.StandardNormal());

    /// <summary>An exponential draw with the given mean: gaps of a Poisson arrival process.</summary>
    public static double Exponential(this Random rng, double mean) => -mean * Math.Log(1 - rng.NextDouble());

    /// <summary>A uniform whole number of microseconds in [min, max].</summary>
    public static long Between(this Random rng, long min, long max) => min + rng.NextInt64(max - min + 1);

    /// <summary>The index of <paramref name="cumulative"/> (ascending, last = 1) a uniform draw falls into.</summary>
    public static int Pick(this Random rng, double[] cumulative)
    {
        var at = Array.BinarySearch(cumulative, rng.NextDouble());
        return Math.Min(at < 0 ? ~at : at + 1, cumulative.Length - 1);
    }

    // Box-Muller; one of the pair is dropped so that each draw consumes a fixed amount of the sequence.
    private static double StandardNormal(this Random rng)
    {
        var u = 1 - rng.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * rng.NextDouble());
    }
}
