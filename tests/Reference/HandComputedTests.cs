using System.Text.Json.Nodes;
using Xunit;
using static Analytics.Tests.Reference.HandCases;

namespace Analytics.Tests.Reference;

/// <summary>Small inputs whose figures are worked out by hand from the spec's wording.</summary>
public sealed class HandComputedTests
{
    private static readonly ReferenceParams Defaults = new();

    [Theory]
    [InlineData("b", "a", false)] // outbound id sorts first: it precedes the inbound
    [InlineData("a", "b", true)]
    [InlineData("a", "Z", false)] // ordinal: 'Z' (90) < 'a' (97), unlike culture-aware order
    [InlineData("9", "10", false)] // ordinal: "10" < "9", unlike numeric order
    public void Compute_EqualTimestamps_IdOrderDecidesResponse(string inboundId, string outboundId, bool answered)
    {
        var report = Compute(In(inboundId, "2024-03-01T09:00:00Z"), Out(outboundId, "2024-03-01T09:00:00Z"));

        var expected = answered
            ? """{"opened":1,"responded":1,"withinSla":1,"pending":0,"responses":1,"frtP50":0,"responseTimeMeanSeconds":0,"backlog":0,"oldestWaitSeconds":null,"expectedUnfollows":0}"""
            : """{"opened":1,"responded":0,"withinSla":0,"pending":1,"responses":0,"frtP50":null,"responseTimeMeanSeconds":null,"backlog":1,"oldestWaitSeconds":0,"expectedUnfollows":0}""";
        AssertSubset(expected, ReferenceTests.Brand(report));
    }

    [Fact]
    public void Compute_OffsetsAndFractions_NormaliseToUtcMicroseconds()
    {
        // 11:00+02:00 is 09:00Z, so the answer at 09:00:00.250Z comes 0.25 s later.
        var report = Compute(In("1", "2024-03-01T11:00:00+02:00"), Out("2", "2024-03-01T09:00:00.250Z"));

        AssertSubset("""{"responded":1,"frtP50":0.25,"asOf":"2024-03-01T09:00:00.25Z"}""", ReferenceTests.Brand(report));
        Assert.True(ReferenceTests.Brand(report)["hourly"]!.AsObject().ContainsKey("2024-03-01T09:00:00Z"));
    }

    [Fact]
    public void Compute_WaitBeyondHorizonAtAsOf_IsStaleAndUnanswered()
    {
        // The follow event 25 h later moves the as-of: the open waiting period is no longer backlog.
        var report = Compute(In("1", "2024-03-01T09:00:00Z"), Follow("f", "2024-03-02T10:00:00Z"));

        AssertSubset(
            """{"asOf":"2024-03-02T10:00:00Z","unanswered":1,"staleWaiting":1,"backlog":0,"oldestWaitSeconds":null,"follows":1,"expectedAmplification":0.528,"expectedUnfollows":0.4928}""",
            ReferenceTests.Brand(report));
    }

    [Fact]
    public void Compute_AnswerExactlyAtHorizon_IsRespondedButNotWithinSla()
    {
        var report = Compute(In("1", "2024-03-01T09:00:00Z"), Out("2", "2024-03-02T09:00:00Z"));

        AssertSubset("""{"responded":1,"withinSla":0,"unanswered":0,"frtP99":86400,"expectedUnfollows":0.4928}""", ReferenceTests.Brand(report));
    }

    [Fact]
    public void Compute_BrandFirstThread_OutboundBeforeT0IsNoResponse()
    {
        var report = Compute(Out("1", "2024-03-01T09:00:00Z"), In("2", "2024-03-01T09:05:00Z"), Out("3", "2024-03-01T09:05:00Z", "solo"));

        AssertSubset("""{"opened":1,"pending":1,"responses":0,"outbound":2,"inbound":1,"oldestWaitSeconds":0}""", ReferenceTests.Brand(report));
    }

    [Fact]
    public void Compute_TenAnswers_NearestRankPercentiles()
    {
        var lines = Enumerable.Range(1, 10).SelectMany(i => new[]
        {
            In($"i{i}", "2024-03-01T09:00:00Z", $"c{i}"),
            Out($"o{i}", $"2024-03-01T09:00:{i:D2}Z", $"c{i}"),
        });
        var report = ReferenceReport.Compute(lines, Defaults);

        // n = 10: ranks ceil(5) = 5, ceil(9) = 9, ceil(9.9) = 10.
        AssertSubset("""{"frtP50":5,"frtP90":9,"frtP99":10,"responseTimeMeanSeconds":5.5}""", ReferenceTests.Brand(report));
    }

    [Fact]
    public void Compute_Window_FiltersCohortAndActivityButNotSnapshot()
    {
        var p = Defaults with { From = new DateTimeOffset(2024, 3, 1, 9, 30, 0, TimeSpan.Zero), To = new DateTimeOffset(2024, 3, 1, 10, 1, 0, TimeSpan.Zero) };
        var report = ReferenceReport.Compute(
            [In("1", "2024-03-01T09:00:00Z", "early"), In("2", "2024-03-01T10:00:59.999999Z", "late"), In("3", "2024-03-01T10:01:00Z", "after")],
            p);

        AssertSubset("""{"opened":1,"inbound":1,"backlog":3,"oldestWaitSeconds":3660,"asOf":"2024-03-01T10:01:00Z"}""", ReferenceTests.Brand(report));
        Assert.Single(ReferenceTests.Brand(report)["hourly"]!.AsObject());
    }

    [Fact]
    public void Compute_ConversationChannel_IsChannelOfT0Message()
    {
        // Thread opens on email, then the customer writes on twitter: cohort and snapshot stay on email,
        // activity follows each event's own channel.
        var report = Compute(In("1", "2024-03-01T09:00:00Z", channel: "email"), In("2", "2024-03-01T09:01:00Z", channel: "twitter"));
        var channels = ReferenceTests.Brand(report)["channels"]!;

        AssertSubset("""{"opened":1,"inbound":1,"backlog":1}""", channels["email"]!);
        AssertSubset("""{"opened":0,"inbound":1,"backlog":0,"responseRate":null}""", channels["twitter"]!);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(30, 0.11)]
    [InlineData(60, 0.22)]
    [InlineData(3600, 0.53)]
    [InlineData(464.75800154489, 0.375)] // sqrt(60 * 3600): halfway in log10
    [InlineData(86400, 0.88)]
    [InlineData(604800, 1.0)]
    [InlineData(1e7, 1.0)]
    public void UnfollowCurve_Knots_MatchPublishedPriors(double seconds, double expected)
    {
        Assert.Equal(expected, UnfollowCurve.F(seconds), 12);
    }

    private static JsonObject Compute(params string[] lines) => ReferenceReport.Compute(lines, Defaults);

    /// <summary>Checks only the listed fields, with the report comparer's tolerance and null/missing rules.</summary>
    private static void AssertSubset(string expectedJson, JsonNode actual)
    {
        var expected = JsonNode.Parse(expectedJson)!.AsObject();
        var subset = new JsonObject();
        foreach (var (key, _) in expected)
        {
            if (actual.AsObject().TryGetPropertyValue(key, out var value))
            {
                subset[key] = value?.DeepClone();
            }
        }

        Assert.Empty(ReportComparer.Differences(expected, subset));
    }
}
