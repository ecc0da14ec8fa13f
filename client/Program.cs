using System.CommandLine;
using Analytics.Client.Commands;

var root = new RootCommand("analytics: replay files, generate load, query and benchmark the customer-care analytics engine")
{
    ReplayCommand.Create(),
    QueryCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
