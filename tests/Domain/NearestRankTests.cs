using Analytics.Domain;

namespace Analytics.Tests.Domain;

public class NearestRankTests
{
    [Theory]
    [InlineData(50, 600)]
    [InlineData(90, 10800)]
    [InlineData(99, 10800)]
    public void Of_WorkedExample_MatchesSpec(int percent, long expected) =>
        Assert.Equal(expected, NearestRank.Of([0, 600, 10800], percent));

    [Fact]
    public void Of_TenValues_P90IsTheNinth()
    {
        long[] values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(9, NearestRank.Of(values, 90));
        Assert.Equal(5, NearestRank.Of(values, 50));
        Assert.Equal(10, NearestRank.Of(values, 99));
    }

    [Fact]
    public void Of_Empty_IsNull() => Assert.Null(NearestRank.Of([], 50));

    [Fact]
    public void Of_HundredValues_P99IsTheNinetyNinth()
    {
        var values = Enumerable.Range(1, 100).Select(i => (long)i).ToArray();
        Assert.Equal(99, NearestRank.Of(values, 99));
    }
}
