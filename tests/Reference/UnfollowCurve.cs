namespace Analytics.Tests.Reference;

/// <summary>F(w) of spec section 5: the share of customers whose expectation is exceeded after w seconds.</summary>
public static class UnfollowCurve
{
    // The published knots (seconds, share). Interpolation is linear in log10(seconds).
    private static readonly (double W, double F)[] Knots =
    [
        (60, 0.22),
        (3600, 0.53),
        (86400, 0.88),
        (604800, 1.0),
    ];

    /// <summary>F for a complaint (spec section 5's complaint-aware variant): raised by 0.72/0.53, at most 1.</summary>
    public static double FComplaint(double waitSeconds) => Math.Min(1.0, F(waitSeconds) * 0.72 / 0.53);

    public static double F(double waitSeconds)
    {
        if (waitSeconds <= 0)
        {
            return 0;
        }

        if (waitSeconds < Knots[0].W)
        {
            // Below a minute the spec switches to linear in w so that F(0) = 0.
            return Knots[0].F * waitSeconds / Knots[0].W;
        }

        for (var i = 1; i < Knots.Length; i++)
        {
            var (w0, f0) = Knots[i - 1];
            var (w1, f1) = Knots[i];
            if (waitSeconds <= w1)
            {
                var x = (Math.Log10(waitSeconds) - Math.Log10(w0)) / (Math.Log10(w1) - Math.Log10(w0));
                return f0 + ((f1 - f0) * x);
            }
        }

        return 1.0;
    }
}
