using Analytics.Models;
using Analytics.Tests.Reference;

namespace Analytics.Tests.Cluster;

/// <summary>The engine's report equals the independent reference on generated data, whatever the order, duplication and batching.</summary>
[Collection(ClusterCollection.Name)]
public class ReferencePropertyTests(ClusterFixture fixture)
{
    public static TheoryData<int> Seeds => [1, 2, 3, 4, 5, 6];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Report_GeneratedShuffledDuplicatedSplit_EqualsReference(int seed)
    {
        var options = new GeneratorOptions(Brands: 3, Conversations: 120);
        var lines = EventGenerator.Generate(seed, options);
        var expected = ReferenceReport.Compute(lines, new ReferenceParams());

        var scope = Scoped.New();
        var engine = fixture.Engine;
        var perturbed = scope.Lines(EventGenerator.Perturb(lines, seed)).ToList();
        // Several requests of different sizes, each split into small stream batches.
        var random = new Random(seed);
        for (var at = 0; at < perturbed.Count;)
        {
            var take = random.Next(1, 200);
            await engine.IngestAsync(perturbed.Skip(at).Take(take), batchSize: random.Next(1, 64));
            at += take;
        }
        await engine.CaughtUpAsync();

        var brands = expected["brands"]!.AsObject().Select(b => scope.Brand(b.Key));
        var actual = scope.Unscope(await engine.ReportAsync(brands));
        Assert.Empty(ReportComparer.Differences(expected, actual));
    }

    [Theory]
    [InlineData(11, 2, 5)]
    [InlineData(12, 0, 3)]
    public async Task Report_WindowOfDays_EqualsReference(int seed, int fromDay, int toDay)
    {
        var start = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);
        var lines = EventGenerator.Generate(seed, new GeneratorOptions(Brands: 2, Conversations: 100, Start: start));
        var (from, to) = (start.AddDays(fromDay), start.AddDays(toDay));
        var expected = ReferenceReport.Compute(lines, new ReferenceParams(From: from, To: to));

        var scope = Scoped.New();
        var engine = fixture.Engine;
        await engine.IngestAsync(scope.Lines(lines));
        await engine.CaughtUpAsync();

        var brands = expected["brands"]!.AsObject().Select(b => scope.Brand(b.Key));
        var query = new MetricsQuery(Time.FromDateTimeOffset(from), Time.FromDateTimeOffset(to));
        var actual = scope.Unscope(await engine.ReportAsync(brands, query));
        Assert.Empty(ReportComparer.Differences(expected, actual));
    }
}
