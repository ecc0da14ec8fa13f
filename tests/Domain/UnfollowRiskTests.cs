using Analytics.Domain;

namespace Analytics.Tests.Domain;

public class UnfollowRiskTests
{
    [Theory]
    [InlineData(60, 0.22)]
    [InlineData(3600, 0.53)]
    [InlineData(86400, 0.88)]
    [InlineData(604800, 1.0)]
    public void F_AtKnots_IsThePublishedShare(double seconds, double share) =>
        Assert.Equal(share, UnfollowRisk.F(seconds), 12);

    [Fact]
    public void F_BelowOneMinute_IsLinearInSeconds()
    {
        Assert.Equal(0.11, UnfollowRisk.F(30), 12);
        Assert.Equal(0, UnfollowRisk.F(0));
    }

    [Fact]
    public void F_BetweenKnots_IsLinearInLog10()
    {
        // Halfway between 60 and 3600 in log10 is sqrt(60 * 3600).
        Assert.Equal((0.22 + 0.53) / 2, UnfollowRisk.F(Math.Sqrt(60 * 3600.0)), 12);
    }

    [Fact]
    public void F_BeyondSevenDays_IsOne() => Assert.Equal(1.0, UnfollowRisk.F(30 * 86400));

    [Fact]
    public void F_TenMinutes_MatchesWorkedExampleRisk()
    {
        // c1 of tiny.ndjson: FRT 600 s, risk 0.56 * F(600).
        var expected = 0.22 + (0.53 - 0.22) * (Math.Log10(600) - Math.Log10(60)) / (Math.Log10(3600) - Math.Log10(60));
        Assert.Equal(expected, UnfollowRisk.F(600), 15);
    }
}
