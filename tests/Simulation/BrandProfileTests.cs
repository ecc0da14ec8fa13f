using Analytics.Simulation;

namespace Analytics.Tests.Simulation;

public class BrandProfileTests
{
    [Fact]
    public void CreateAll_DemoDefaults_SpreadsRepliesFromMinutesToHours()
    {
        var options = new TrafficOptions();

        var brands = BrandProfile.CreateAll(options, new Random(1));

        Assert.Equal(12, brands.Select(b => b.Name).Distinct().Count());
        Assert.Equal(1.0, brands.Sum(b => b.Popularity), 9);
        Assert.All(brands, b => Assert.InRange(b.MedianReply, options.FastestMedianReply - TimeSpan.FromSeconds(1), options.SlowestMedianReply + TimeSpan.FromSeconds(1)));
        // Stratified: one brand in each twelfth of the log range, so the ends are always covered.
        Assert.True(brands.Min(b => b.MedianReply) < TimeSpan.FromMinutes(5));
        Assert.True(brands.Max(b => b.MedianReply) > TimeSpan.FromHours(5));
        Assert.All(brands, b => Assert.InRange(b.UnansweredShare, 0, options.MaxUnansweredShare));
    }

    [Fact]
    public void CreateAll_ThousandsOfBrands_ZipfPopularityAndUniqueNames()
    {
        var brands = BrandProfile.CreateAll(new TrafficOptions { Brands = 5000 }, new Random(1));

        Assert.Equal(5000, brands.Select(b => b.Name).Distinct().Count());
        Assert.Equal(brands[0].Popularity / 2, brands[1].Popularity, 12);
        Assert.Equal(brands[0].Popularity / 1000, brands[999].Popularity, 12);
    }
}
