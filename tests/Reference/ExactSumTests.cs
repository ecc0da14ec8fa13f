using Xunit;

namespace Analytics.Tests.Reference;

public sealed class ExactSumTests
{
    [Fact]
    public void Of_CancellingTerms_KeepsTheSmallOne()
    {
        Assert.Equal(1.0, ExactSum.Of([1e16, 1.0, -1e16]));
        Assert.Equal(1.0, ExactSum.Of(Enumerable.Repeat(0.1, 10)));
        Assert.Equal(0.0, ExactSum.Of([]));
    }

    [Fact]
    public void Of_AnyOrder_SameBits()
    {
        var rng = new Random(5);
        var values = Enumerable.Range(0, 200).Select(_ => rng.NextDouble() * Math.Pow(10, rng.Next(-5, 6))).ToList();
        var expected = ExactSum.Of(values);

        for (var round = 0; round < 20; round++)
        {
            Assert.Equal(expected, ExactSum.Of(values.OrderBy(_ => rng.Next())));
        }
    }
}
