namespace Analytics.Tests.Client;

/// <summary>`load` as a load test runs it: generated traffic into a live in-process silo.</summary>
public class LoadCommandTests
{
    // As fast as possible, 30,000 events: the generator runs ahead of the clock at its own event
    // rate, and a live silo refuses events from the future; before the run was started in the past,
    // all but the first 12,074 of such a run were refused.
    [Fact]
    public async Task Unpaced_EveryEventAccepted()
    {
        var (exit, text) = await ClientProcess.RunAsync("load", "--embedded", "--events", "30000");
        Assert.True(exit == 0, text);
        Assert.Matches(@"30,000\s*│\s*30,000\s*│\s*0\s*│", text);
    }
}
