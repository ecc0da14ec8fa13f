using Analytics.Models;

namespace Analytics.Domain;

/// <summary>
/// F(w) of METRICS-SPEC section 5: the share of customers whose response-time expectation is
/// exceeded after waiting w seconds. Piecewise linear in log10(w) between published knots.
/// </summary>
public static class UnfollowRisk
{
    /// <summary>Share of ignored customers who complain in public.</summary>
    public const double Amplification = 0.60;

    private static readonly (double Seconds, double Share)[] Knots =
    [
        (60, 0.22),
        (3600, 0.53),
        (86400, 0.88),
        (604800, 1.0),
    ];

    /// <summary>F(w) for a wait of <paramref name="seconds"/>.</summary>
    public static double F(double seconds)
    {
        if (seconds <= 0) return 0;
        if (seconds < Knots[0].Seconds) return Knots[0].Share * seconds / Knots[0].Seconds;
        for (var i = 1; i < Knots.Length; i++)
        {
            var (w1, f1) = Knots[i];
            if (seconds <= w1)
            {
                var (w0, f0) = Knots[i - 1];
                var x = (Math.Log10(seconds) - Math.Log10(w0)) / (Math.Log10(w1) - Math.Log10(w0));
                return f0 + ((f1 - f0) * x);
            }
        }
        return 1.0;
    }

    /// <summary>F of a wait in microseconds.</summary>
    public static double FMicros(long micros) => F(micros / 1e6);

    /// <summary>Share of complainers who expect a reply within the hour, against 0.53 of all customers (section 5's sources).</summary>
    public const double ComplaintWithinHour = 0.72;

    /// <summary>
    /// F for a complaint: section 5's complaint-aware variant, F raised by 0.72/0.53 and capped at
    /// 1, so that at one hour it gives the 72% of complainers who expected a reply by then.
    /// </summary>
    public static double FComplaint(double seconds) => ComplaintF(F(seconds));

    /// <summary>The complaint curve's value where the plain curve's is <paramref name="f"/>.</summary>
    public static double ComplaintF(double f) => Math.Min(1.0, f * ComplaintWithinHour / Knots[1].Share);

    /// <summary>What the complaint curve adds to <paramref name="f"/> (F' - F), as an exact sum term.</summary>
    public static ExactSum ComplaintExcess(double f) => Exact(ComplaintF(f)) - Exact(f);

    /// <summary>
    /// A risk as an exact sum term: totals then do not depend on the order conversations arrived
    /// in (double sums do, in their last bits).
    /// </summary>
    public static ExactSum Exact(double value) => ExactSum.From(value);
}
