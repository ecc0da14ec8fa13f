using System.CommandLine;
using Analytics.Client.Commands;

namespace Analytics.Client;

/// <summary>The analytics CLI (a named class, not top-level statements: the silo host owns the global Program).</summary>
public static class AnalyticsCli
{
    /// <summary>The command tree.</summary>
    public static RootCommand Commands() => new("analytics: replay files, generate load, query and benchmark the customer-care analytics engine")
    {
        ReplayCommand.Create(),
        QueryCommand.Create(),
        GenerateCommand.Create(),
        LoadCommand.Create(),
        BenchCommand.Create(),
    };

    public static Task<int> Main(string[] args) => Commands().Parse(args).InvokeAsync();
}
