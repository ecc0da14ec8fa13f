using Analytics.Domain;

namespace Analytics.Tests.Domain;

public class TallyBuilderTests
{
    /// <summary>First response times of any number of ascending runs (none, empty, one, odd and even counts, repeated values) come out as one sort of them all would give.</summary>
    [Fact]
    public void Build_MergesRunsAsASortWould()
    {
        var rng = new Random(5);
        for (var n = 0; n < 500; n++)
        {
            var builder = new TallyBuilder();
            var all = new List<long>();
            for (var runs = rng.Next(0, 12); runs > 0; runs--)
            {
                var run = Enumerable.Range(0, rng.Next(0, n % 2 == 0 ? 20 : 400)).Select(_ => (long)rng.Next(-5, 50)).Order().ToArray();
                builder.AddFrts(run);
                all.AddRange(run);
            }
            Assert.Equal(all.Order(), builder.Build().Frts);
        }
    }

    [Fact]
    public void Build_HandComputedRuns()
    {
        var builder = new TallyBuilder();
        builder.AddFrts([1, 4, 9]);
        builder.AddFrts([2, 4]);
        builder.AddFrts([0]);
        Assert.Equal([0L, 1, 2, 4, 4, 9], builder.Build().Frts);
    }
}
