using System.Text;
using System.Text.Json.Nodes;
using Analytics.Tests.Redis;
using Analytics.Tests.Reference;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Api;

/// <summary>A silo that keeps at most 100 conversations active.</summary>
public sealed class CappedApiFactory() : ConfiguredApiFactory(("Analytics:MaxActiveConversations", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture)))
{
    public const int Cap = 100;
}

/// <summary>One large request no longer keeps every conversation it touched active (the hostile 327 MB POST kept 540k): past the cap they deactivate after their call, and the figures stay exact.</summary>
public class ActiveConversationCapTests(CappedApiFactory factory) : IClassFixture<CappedApiFactory>
{
    [Fact]
    public async Task LargeRequest_ActiveConversationsStayNearTheCap_FiguresExact()
    {
        var lines = EventGenerator.Generate(77, new GeneratorOptions(Brands: 3, Conversations: 3_000, Days: 5));
        using var http = factory.CreateClient();
        using (var body = new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson"))
        using (var response = await http.PostAsync(new Uri("/api/events", UriKind.Relative), body)) response.EnsureSuccessStatusCode();
        var grains = factory.Services.GetRequiredService<IGrainFactory>();
        Assert.True(await grains.GetGrain<IIngestLedgerGrain>(0).WaitCaughtUpAsync(TimeSpan.FromSeconds(60)));
        await Task.Delay(500);

        var statistics = await grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        var active = statistics.Where(s => s.GrainType.Contains("ConversationGrain", StringComparison.Ordinal)).Sum(s => s.ActivationCount);
        Assert.InRange(active, 0, 2 * CappedApiFactory.Cap);

        var expected = await SingleSiloRun.ReportAsync(lines);
        var actual = JsonNode.Parse(await http.GetStringAsync(new Uri("/api/report", UriKind.Relative)))!;
        Assert.Empty(ReportComparer.Differences(expected, actual).Take(10));
    }
}
