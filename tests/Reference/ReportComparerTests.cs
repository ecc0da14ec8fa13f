using System.Text.Json.Nodes;
using Xunit;

namespace Analytics.Tests.Reference;

public sealed class ReportComparerTests
{
    [Fact]
    public void Differences_SameReport_IsEmpty()
    {
        Assert.Empty(ReportComparer.Differences(TestData.Json("tiny.report.json"), TestData.Json("tiny.report.json")));
    }

    [Fact]
    public void Differences_ChangedNumber_ReportsPathAndValues()
    {
        var actual = TestData.Json("tiny.report.json");
        actual["brands"]!["AcmeHelp"]!["channels"]!["twitter"]!["frtP50"] = 601;

        var diffs = ReportComparer.Differences(TestData.Json("tiny.report.json"), actual);

        Assert.Equal(["brands.AcmeHelp.channels.twitter.frtP50: expected 600, actual 601"], diffs);
    }

    [Fact]
    public void Differences_MissingField_IsReported()
    {
        var actual = TestData.Json("tiny.report.json");
        actual["overall"]!.AsObject().Remove("slaRate");

        var diff = Assert.Single(ReportComparer.Differences(TestData.Json("tiny.report.json"), actual));
        Assert.StartsWith("overall.slaRate:", diff);
        Assert.Contains("missing", diff);
    }

    [Fact]
    public void Differences_NullVersusMissing_AreDistinguished()
    {
        var expected = new JsonObject { ["frtP50"] = null };

        Assert.Single(ReportComparer.Differences(expected, new JsonObject()));
        Assert.Single(ReportComparer.Differences(new JsonObject(), expected));
        Assert.Single(ReportComparer.Differences(expected, new JsonObject { ["frtP50"] = 0 }));
    }

    [Fact]
    public void Differences_WithinTolerance_IntVersusDouble_AndParams_AreEqual()
    {
        var expected = new JsonObject { ["a"] = 1.3627864613150622, ["b"] = 600, ["c"] = 0.0, ["params"] = "x" };
        var actual = new JsonObject { ["a"] = 1.3627864613150622 * (1 + 1e-12), ["b"] = 600.0, ["c"] = 1e-12 };

        Assert.Empty(ReportComparer.Differences(expected, actual));
        Assert.Single(ReportComparer.Differences(expected, new JsonObject { ["a"] = 1.3627, ["b"] = 600, ["c"] = 0 }));
    }

    [Fact]
    public void Differences_Times_ComparedAsUtcInstantsWithZ()
    {
        var expected = new JsonObject { ["asOf"] = "2024-03-02T11:15:00Z" };

        Assert.Empty(ReportComparer.Differences(expected, new JsonObject { ["asOf"] = "2024-03-02T11:15:00.000Z" }));
        Assert.Single(ReportComparer.Differences(expected, new JsonObject { ["asOf"] = "2024-03-02T11:15:00+00:00" }));
        Assert.Single(ReportComparer.Differences(expected, new JsonObject { ["asOf"] = "2024-03-02T11:15:01Z" }));
    }
}
