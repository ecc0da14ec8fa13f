namespace Analytics.Tests.Client;

/// <summary>
/// Tests that run the CLI in the test process (<see cref="Analytics.Client.AnalyticsCli"/>) take
/// turns: its progress display is Spectre.Console's, one per process, and a second replay started
/// while another showed progress failed with "Trying to run one or more interactive functions
/// concurrently" (exit code 1, about one full test run in five).
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessCliCollection
{
    public const string Name = "in-process CLI";
}
