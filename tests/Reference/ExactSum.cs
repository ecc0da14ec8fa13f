namespace Analytics.Tests.Reference;

/// <summary>
/// Correctly rounded sum of doubles (Shewchuk's algorithm, as Python's math.fsum). The result does
/// not depend on the order of the terms, so the reference's risk sums are a function of the set of
/// conversations alone, and they match tiny.report.json to the last bit.
/// </summary>
public static class ExactSum
{
    public static double Of(IEnumerable<double> values)
    {
        // Non-overlapping partial sums, smallest magnitude first, whose exact total is the exact sum.
        var partials = new List<double>();
        foreach (var value in values)
        {
            var x = value;
            var i = 0;
            for (var j = 0; j < partials.Count; j++)
            {
                var y = partials[j];
                if (Math.Abs(x) < Math.Abs(y))
                {
                    (x, y) = (y, x);
                }

                var hi = x + y;
                var lo = y - (hi - x);
                if (lo != 0.0)
                {
                    partials[i++] = lo;
                }

                x = hi;
            }

            partials.RemoveRange(i, partials.Count - i);
            partials.Add(x);
        }

        return RoundPartials(partials);
    }

    private static double RoundPartials(List<double> partials)
    {
        var n = partials.Count;
        if (n == 0)
        {
            return 0.0;
        }

        var total = partials[--n];
        var lo = 0.0;
        while (n > 0)
        {
            var x = total;
            var y = partials[--n];
            total = x + y;
            lo = y - (total - x);
            if (lo != 0.0)
            {
                break;
            }
        }

        // Round half to even across partials: if the rest points the same way as the rounding error,
        // the exact sum lies beyond the halfway point and must round away.
        if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0)))
        {
            var y = lo * 2;
            var x = total + y;
            if (y == x - total)
            {
                total = x;
            }
        }

        return total;
    }
}
