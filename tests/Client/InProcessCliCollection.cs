using System.CommandLine;
using Analytics.Client;

namespace Analytics.Tests.Client;

/// <summary>
/// Tests that run the CLI in the test process (<see cref="InProcessCli"/>) take turns: its progress
/// display is Spectre.Console's, one per process, and a second replay started while another showed
/// progress failed with "Trying to run one or more interactive functions concurrently" (exit code
/// 1, about one full test run in five).
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessCliCollection
{
    public const string Name = "in-process CLI";
}

/// <summary>The CLI run in the test process, by a test of <see cref="InProcessCliCollection"/>.</summary>
internal static class InProcessCli
{
    /// <summary>Runs <paramref name="args"/>; answers the exit code and what the command wrote of an exception it did not handle, so that a failure says what it was.</summary>
    public static async Task<(int Exit, string Error)> RunAsync(params string[] args)
    {
        var error = new StringWriter();
        var exit = await AnalyticsCli.Commands().Parse(args).InvokeAsync(new InvocationConfiguration { Error = error });
        return (exit, error.ToString());
    }
}
