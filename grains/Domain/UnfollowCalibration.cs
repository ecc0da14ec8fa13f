using Analytics.Models;

namespace Analytics.Domain;

/// <summary>
/// pUnfollow calibrated on a brand's own unfollows (METRICS-SPEC section 5's calibrated variant,
/// docs/METRICS-SPEC.md engine notes). Of the customer conversations whose author is known and
/// whose outcome is settled (t0 at least the horizon H before the as-of: responded within H, or
/// unanswered), each exposes its author to unfollowing with probability pUnfollow * F(w); an
/// unfollow by that author within H after t0 is observed. Younger conversations are left out: their
/// unfollows may still come, and counting their exposure without them biased the estimate low
/// (0.04 for a true 0.15 on generated traffic). With k observed and n = the sum of F(w)
/// (the expected count for pUnfollow = 1), a Beta prior centred on the survey's 0.56 with
/// <see cref="PriorStrength"/> conversations' weight is updated as by k successes in n trials, the
/// estimate k / n being unbiased (the expected k is pUnfollow * n). Conversations are not Bernoulli
/// trials of one rate, though: k varies more than a binomial count of n trials would (its variance
/// is p n - p^2 sum F^2, not p n - p^2 n), and an interval from n trials was too narrow (it covered
/// the true rate 76-83% of the time where it should 90%). The update therefore uses the number of
/// trials n' whose binomial variance matches, n' = n^2 (1 - p) / (n - p sum F^2) with p the plain
/// update's mean, and k scaled alike: Beta(0.56 s + k n'/n, 0.44 s + max(n' - k n'/n, 0)).
/// </summary>
public static class UnfollowCalibration
{
    /// <summary>Weight of the survey's prior, in conversations: a brand's first few unfollows move the estimate, a few hundred decide it.</summary>
    public const double PriorStrength = 10;

    /// <summary>The survey's share of customers who unfollow after poor service: the spec's default pUnfollow.</summary>
    public static double Survey => BrandSettings.Default.PUnfollow;

    /// <summary>The posterior mean and its 90% credible interval (5% and 95% quantiles).</summary>
    /// <param name="observed">k: conversations whose author unfollowed within the horizon after t0.</param>
    /// <param name="exposure">n: the sum of F(w) over the conversations with a known author.</param>
    /// <param name="exposureSquares">The sum of F(w)^2 over the same conversations.</param>
    public static (double Mean, double Low, double High) Posterior(long observed, double exposure, double exposureSquares)
    {
        var (a0, b0) = (Survey * PriorStrength, (1 - Survey) * PriorStrength);
        var plain = (a0 + observed) / (a0 + b0 + Math.Max(exposure, observed));
        var trials = exposure <= 0 ? 0 : exposure * exposure * (1 - plain) / (exposure - (plain * Math.Min(exposureSquares, exposure)));
        var successes = exposure <= 0 ? 0 : observed * trials / exposure;
        var (a, b) = (a0 + successes, b0 + Math.Max(trials - successes, 0));
        return (a / (a + b), Beta.Quantile(0.05, a, b), Beta.Quantile(0.95, a, b));
    }
}

/// <summary>The Beta distribution's CDF (the regularized incomplete beta function) and its inverse.</summary>
public static class Beta
{
    /// <summary>P(X &lt;= x) for X ~ Beta(a, b).</summary>
    public static double Cdf(double x, double a, double b)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        var front = Math.Exp((a * Math.Log(x)) + (b * Math.Log(1 - x)) - LogBeta(a, b));
        // The continued fraction converges fast on the side of the mean it is evaluated from.
        return x < (a + 1) / (a + b + 2) ? front * Fraction(x, a, b) / a : 1 - (front * Fraction(1 - x, b, a) / b);
    }

    /// <summary>The x with P(X &lt;= x) = <paramref name="p"/>, by bisection to 1e-12.</summary>
    public static double Quantile(double p, double a, double b)
    {
        double lo = 0, hi = 1;
        for (var i = 0; i < 60 && hi - lo > 1e-12; i++)
        {
            var mid = (lo + hi) / 2;
            if (Cdf(mid, a, b) < p) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    // Lentz's method for the incomplete beta's continued fraction (Numerical Recipes, betacf).
    private static double Fraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        double c = 1, d = 1 - ((a + b) * x / (a + 1));
        d = 1 / (Math.Abs(d) < tiny ? tiny : d);
        var h = d;
        for (var m = 1; m <= 300; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2));
            d = 1 + (aa * d);
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + (aa / c);
            if (Math.Abs(c) < tiny) c = tiny;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2));
            d = 1 + (aa * d);
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + (aa / c);
            if (Math.Abs(c) < tiny) c = tiny;
            var step = d * c;
            h *= step;
            if (Math.Abs(step - 1) < 1e-15) break;
        }
        return h;
    }

    private static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    // Lanczos' approximation (g = 7, 9 terms): 15 significant digits for positive arguments.
    private static double LogGamma(double x)
    {
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        var sum = Lanczos[0];
        for (var i = 1; i < Lanczos.Length; i++) sum += Lanczos[i] / (x + i);
        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];
}
