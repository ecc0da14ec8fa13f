namespace Analytics.Models;

/// <summary>
/// An exact sum of non-negative doubles below 2^26: fixed point with 100 fractional bits in 128
/// bits. Every double of 2^-48 or more converts without rounding, so sums are exact, do not depend
/// on the order of their terms, and round once, correctly, when read (like Python's math.fsum),
/// and a term can be subtracted again exactly when a conversation's contribution is replaced.
/// </summary>
/// <param name="Hi">High 64 bits of the two's-complement fixed-point value.</param>
/// <param name="Lo">Low 64 bits.</param>
[GenerateSerializer, Immutable, Alias("analytics.ExactSum")]
public readonly record struct ExactSum(long Hi, ulong Lo)
{
    private const int FractionBits = 100;
    private static readonly double Scale = Math.ScaleB(1.0, FractionBits);

    /// <summary>Zero.</summary>
    public static ExactSum Zero => default;

    private Int128 Value => new((ulong)Hi, Lo);

    private static ExactSum Of(Int128 v) => new((long)(ulong)(v >> 64), (ulong)v);

    /// <summary>A double as an exact sum (rounded at 2^-100 below 2^-48, where no risk term lives).</summary>
    public static ExactSum From(double value)
    {
        if (!double.IsFinite(value) || Math.Abs(value) >= 1 << 26) throw new ArgumentOutOfRangeException(nameof(value), value, "outside the exact range");
        return Of((Int128)Math.Round(value * Scale));
    }

    /// <summary>The sum, correctly rounded to the nearest double.</summary>
    public double ToDouble() => (double)Value / Scale;

    /// <summary>Exact addition.</summary>
    public static ExactSum operator +(ExactSum a, ExactSum b) => Of(a.Value + b.Value);

    /// <summary>Exact subtraction.</summary>
    public static ExactSum operator -(ExactSum a, ExactSum b) => Of(a.Value - b.Value);

    /// <summary>Exact multiplication by a count.</summary>
    public static ExactSum operator *(ExactSum a, long n) => Of(a.Value * n);

    /// <inheritdoc />
    public override string ToString() => ToDouble().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
