using Analytics.Domain;
using Xunit.Abstractions;

namespace Analytics.Tests.Domain;

public class UnfollowCalibrationTests(ITestOutputHelper output)
{
    // Reference values from mpmath 1.3 (betainc, regularized; findroot for the quantiles).
    [Theory]
    [InlineData(2, 3, 0.5, 0.38572756813238956)]
    [InlineData(5.6, 4.4, 0.05, 0.3061773021939009)]
    [InlineData(5.6, 4.4, 0.95, 0.7995249948584993)]
    [InlineData(5.6, 7.3110661719927027, 0.05, 0.2207501129015635)]
    public void Beta_Quantile_MatchesAnIndependentLibrary(double a, double b, double p, double expected) =>
        Assert.Equal(expected, Beta.Quantile(p, a, b), 9);

    [Theory]
    [InlineData(2, 3, 0.4, 0.5248)]
    [InlineData(5.6, 4.4, 0.4, 0.15386702281570233)]
    public void Beta_Cdf_MatchesAnIndependentLibrary(double a, double b, double x, double expected) =>
        Assert.Equal(expected, Beta.Cdf(x, a, b), 12);

    [Fact]
    public void Beta_ClosedForms()
    {
        // Beta(1, 1) is uniform; Beta(a, 1) has CDF x^a.
        Assert.Equal(0.3, Beta.Quantile(0.3, 1, 1), 10);
        Assert.Equal(Math.Pow(0.7, 1 / 3.0), Beta.Quantile(0.7, 3, 1), 10);
        Assert.Equal(1 - Math.Pow(1 - 0.2, 1 / 4.0), Beta.Quantile(0.2, 1, 4), 10);
    }

    [Fact]
    public void NoData_IsTheSurveysPrior()
    {
        var (mean, low, high) = UnfollowCalibration.Posterior(0, 0, 0);
        Assert.Equal(0.56, mean, 12);
        Assert.True(low < 0.56 && 0.56 < high);
    }

    /// <summary>
    /// Generated brands with a known true pUnfollow: each conversation waited w, and its customer
    /// unfollowed with probability p * F(w). The estimate converges to p as conversations grow, and
    /// the 90% interval covers p in most brands.
    /// </summary>
    [Theory]
    [InlineData(0.2)]
    [InlineData(0.56)]
    [InlineData(0.8)]
    public void Posterior_ConvergesToTheTrueRate_AndItsIntervalCoversIt(double truth)
    {
        var rng = new Random((int)(truth * 1000));
        double Draw(int conversations, out double low, out double high)
        {
            long observed = 0;
            double exposure = 0, squares = 0;
            for (var i = 0; i < conversations; i++)
            {
                // Waits from a minute to two days, log-uniform, as care queues spread.
                var f = UnfollowRisk.F(Math.Exp(rng.NextDouble() * Math.Log(2 * 86400 / 60.0)) * 60);
                exposure += f;
                squares += f * f;
                if (rng.NextDouble() < truth * f) observed++;
            }
            (var mean, low, high) = UnfollowCalibration.Posterior(observed, exposure, squares);
            return mean;
        }
        var errorSmall = Math.Abs(Draw(50, out _, out _) - truth);
        var errorLarge = Math.Abs(Draw(20000, out _, out _) - truth);
        Assert.True(errorLarge < 0.03, $"estimate off by {errorLarge:0.000} on 20,000 conversations");
        var covered = Enumerable.Range(0, 200).Count(_ =>
        {
            Draw(300, out var lo, out var hi);
            return lo <= truth && truth <= hi;
        });
        output.WriteLine($"p = {truth}: error {errorSmall:0.000} on 50 conversations, {errorLarge:0.0000} on 20,000; 90% interval covered it in {covered} of 200 brands of 300");
        Assert.InRange(covered, 160, 200);
    }
}
