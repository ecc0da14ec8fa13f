using System.Text.Json.Nodes;
using Analytics.Tests.Reference;

namespace Analytics.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public class WorkedExampleTests(ClusterFixture fixture)
{
    private static readonly string[] TinyBrands = ["AcmeHelp", "GlobexCare"];

    [Fact]
    public async Task Report_TinyExample_EqualsPublishedReport()
    {
        var scope = Scoped.New();
        var engine = fixture.Engine;
        var receipt = await engine.IngestAsync(scope.Lines(TestData.Lines("tiny.ndjson")));
        Assert.Equal(18, receipt.Accepted);
        Assert.Equal(1, receipt.Duplicates);
        Assert.Equal(0, receipt.Rejected);
        await engine.CaughtUpAsync();

        var actual = scope.Unscope(await engine.ReportAsync(TinyBrands.Select(scope.Brand)));
        var expected = TestData.TinyReport();
        Assert.Empty(ReportComparer.Differences(expected, actual));
    }

    [Fact]
    public async Task Report_TinyExampleReversedInSingleEventBatches_EqualsPublishedReport()
    {
        var scope = Scoped.New();
        var engine = fixture.Engine;
        var lines = scope.Lines(TestData.Lines("tiny.ndjson")).Reverse().ToList();
        foreach (var line in lines) await engine.IngestAsync([line], batchSize: 1);
        await engine.CaughtUpAsync();

        var actual = scope.Unscope(await engine.ReportAsync(TinyBrands.Select(scope.Brand)));
        var expected = TestData.TinyReport();
        Assert.Empty(ReportComparer.Differences(expected, actual));
    }
}
