using System.Text.Json.Nodes;
using Xunit;

namespace Analytics.Tests.Reference;

public sealed class ReferenceTests
{
    private static readonly ReferenceParams Defaults = new();

    [Fact]
    public void Compute_TinyExample_MatchesIndependentReport()
    {
        var actual = ReferenceReport.Compute(TestData.Lines("tiny.ndjson"), Defaults);

        Assert.Empty(ReportComparer.Differences(TestData.TinyReport(), actual));

        // Risk sums are correctly rounded (ExactSum), so they match the other reference to the bit.
        Assert.Equal(1.7705887561589226, (double)actual["overall"]!["expectedUnfollows"]!);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    public void Compute_PerturbedInput_GivesIdenticalReport(int seed)
    {
        var lines = EventGenerator.Generate(seed, new GeneratorOptions(Brands: 4, Conversations: 150));
        var perturbed = EventGenerator.Perturb(lines, seed + 1000);

        Assert.NotEqual(lines.Count, perturbed.Count);
        Assert.Equal(
            ReferenceReport.Compute(lines, Defaults).ToJsonString(),
            ReferenceReport.Compute(perturbed, Defaults).ToJsonString());
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void Compute_PerturbedInputInWindow_GivesIdenticalReport(int seed)
    {
        var p = Defaults with
        {
            From = new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero),
            To = new DateTimeOffset(2024, 3, 9, 13, 7, 0, TimeSpan.Zero),
        };
        var lines = EventGenerator.Generate(seed, new GeneratorOptions(Brands: 3, Conversations: 120));

        Assert.Equal(
            ReferenceReport.Compute(lines, p).ToJsonString(),
            ReferenceReport.Compute(EventGenerator.Perturb(lines, seed), p).ToJsonString());
    }

    [Fact]
    public void Compute_WindowNotOnWholeMinute_Throws()
    {
        var p = Defaults with { From = new DateTimeOffset(2024, 3, 4, 0, 0, 30, TimeSpan.Zero) };

        Assert.Throws<ArgumentException>(() => ReferenceReport.Compute([], p));
    }

    [Fact]
    public void Compute_NoEvents_GivesEmptyOverall()
    {
        var report = ReferenceReport.Compute(["not json", "{\"id\":\"1\"}"], Defaults);

        Assert.Empty(report["brands"]!.AsObject());
        Assert.Equal(0, (int)report["overall"]!["brands"]!);
        Assert.Null(report["overall"]!["responseRate"]);
        Assert.True(report["overall"]!.AsObject().ContainsKey("responseRate"));
    }

    internal static JsonNode Brand(JsonObject report, string brand = HandCases.Brand) => report["brands"]![brand]!;
}
