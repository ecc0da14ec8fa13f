using System.Text.Json.Nodes;
using Analytics.Client;
using Analytics.Tests.Reference;

namespace Analytics.Tests.Client;

/// <summary>The client's `replay --embedded --report` end to end, the form used to check correctness from outside.</summary>
[Collection(InProcessCliCollection.Name)]
public class ReplayCommandTests
{
    private static async Task<JsonNode> ReplayAsync(params string[] args)
    {
        var report = Path.Combine(Path.GetTempPath(), $"report-{Guid.NewGuid():N}.json");
        try
        {
            var (exit, error) = await InProcessCli.RunAsync(["replay", .. args, "--embedded", "--report", report]);
            Assert.True(exit == 0, $"replay exited with {exit}: {error}");
            return JsonNode.Parse(await File.ReadAllTextAsync(report))!;
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task ReplayEmbedded_TinyNdjson_WritesPublishedReport()
    {
        var actual = await ReplayAsync(TestData.PathOf("tiny.ndjson"));
        Assert.Empty(ReportComparer.Differences(TestData.TinyReport(), actual));
    }

    [Fact]
    public async Task ReplayEmbedded_TwcsCsv_EqualsReferenceOfTheSameConversations()
    {
        // A reply tree answered by AcmeHelp, a customer follow-up, and a tree only naming @AcmeHelp.
        var csv = Path.Combine(Path.GetTempPath(), $"twcs-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(csv, string.Join('\n',
            "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id",
            "1,c1,True,Fri Mar 01 09:00:00 +0000 2024,\"@AcmeHelp my order\nnever arrived\",2,",
            "2,AcmeHelp,False,Fri Mar 01 09:10:00 +0000 2024,@c1 sorry!,3,1",
            "3,c1,True,Fri Mar 01 09:12:00 +0000 2024,@AcmeHelp thanks,,2",
            "4,c2,True,Fri Mar 01 10:00:00 +0000 2024,@acmehelp hello?,,"));
        try
        {
            var actual = await ReplayAsync(csv);
            string[] lines =
            [
                // The tweets as events (spec section 7): author and text too, for the figures read from them.
                """{"id":"1","brand":"AcmeHelp","conversationId":"1","direction":"inbound","timestamp":"2024-03-01T09:00:00Z","author":"c1","text":"@AcmeHelp my order\nnever arrived"}""",
                """{"id":"2","brand":"AcmeHelp","conversationId":"1","direction":"outbound","timestamp":"2024-03-01T09:10:00Z","author":"AcmeHelp","text":"@c1 sorry!"}""",
                """{"id":"3","brand":"AcmeHelp","conversationId":"1","direction":"inbound","timestamp":"2024-03-01T09:12:00Z","author":"c1","text":"@AcmeHelp thanks"}""",
                """{"id":"4","brand":"AcmeHelp","conversationId":"4","direction":"inbound","timestamp":"2024-03-01T10:00:00Z","author":"c2","text":"@acmehelp hello?"}""",
            ];
            var expected = ReferenceReport.Compute(lines, new ReferenceParams());
            Assert.Empty(ReportComparer.Differences(expected, actual));
            Assert.Equal(2, actual["brands"]!["AcmeHelp"]!["opened"]!.GetValue<long>());
            // "my order never arrived" is a complaint; the other customer's "hello?" is not.
            Assert.Equal(1, actual["brands"]!["AcmeHelp"]!["complaints"]!.GetValue<long>());
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task Replay_MissingFile_ExitsTwo()
    {
        var exit = await AnalyticsCli.Main(["replay", "/no/such/file.ndjson", "--embedded"]);
        Assert.Equal(2, exit);
    }
}
