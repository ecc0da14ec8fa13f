using System.CommandLine;
using Analytics.Client.Infrastructure;
using Analytics.Models;
using Analytics.Reporting;
using Spectre.Console;

namespace Analytics.Client.Commands;

/// <summary>query BRAND [--silo URL] [--from --to --channel]: a brand's metrics as a table, one column per channel.</summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var brand = new Argument<string>("brand") { Description = "The brand account, e.g. AppleSupport" };
        var silo = new SiloOptions();
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var channel = new Option<string?>("--channel") { Description = "Only this channel" };
        var command = new Command("query", "Print a brand's metrics as a table") { brand, from, to, channel };
        silo.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var (window, error) = ReplayCommand.WindowOf(parse.GetValue(from), parse.GetValue(to));
            if (window is null)
            {
                Console.Error.WriteLine(error);
                return 2;
            }
            using var api = silo.Api(parse, notice => Console.Error.WriteLine(notice));
            BrandView view;
            try
            {
                view = await api.BrandAsync(parse.GetValue(brand)!, window with { Channel = parse.GetValue(channel) }, cancellationToken);
            }
            catch (Exception e) when (e is SilosUnavailableException or SiloHttpException)
            {
                return silo.Fail(parse, e);
            }
            AnsiConsole.Write(Table(parse.GetValue(brand)!, view));
            return 0;
        });
        return command;
    }

    internal static Table Table(string brand, BrandView view)
    {
        var table = new Table().Title($"{Markup.Escape(brand)} as of {view.AsOf ?? "-"}").AddColumn("metric").AddColumn(new TableColumn("all").RightAligned());
        foreach (var c in view.Channels.Keys) table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
        foreach (var (name, get) in Rows)
        {
            table.AddRow([name, get(view), .. view.Channels.Values.Select(get)]);
        }
        return table;
    }

    private static readonly (string Name, Func<MetricsView, string> Get)[] Rows =
    [
        ("opened", m => m.Opened.ToString("N0")),
        ("responded", m => m.Responded.ToString("N0")),
        ("withinSla", m => m.WithinSla.ToString("N0")),
        ("pending", m => m.Pending.ToString("N0")),
        ("unanswered", m => m.Unanswered.ToString("N0")),
        ("responseRate", m => SiloApi.Format(m.ResponseRate, "P1")),
        ("slaRate", m => SiloApi.Format(m.SlaRate, "P1")),
        ("frtP50 (s)", m => SiloApi.Format(m.FrtP50, "N0")),
        ("frtP90 (s)", m => SiloApi.Format(m.FrtP90, "N0")),
        ("frtP99 (s)", m => SiloApi.Format(m.FrtP99, "N0")),
        ("expectedUnfollows", m => SiloApi.Format(m.ExpectedUnfollows, "N2")),
        ("expectedAmplification", m => SiloApi.Format(m.ExpectedAmplification, "N2")),
        ("inbound", m => m.Inbound.ToString("N0")),
        ("outbound", m => m.Outbound.ToString("N0")),
        ("responses", m => m.Responses.ToString("N0")),
        ("responseTimeMeanSeconds", m => SiloApi.Format(m.ResponseTimeMeanSeconds, "N0")),
        ("follows", m => m.Follows.ToString("N0")),
        ("unfollows", m => m.Unfollows.ToString("N0")),
        ("backlog", m => m.Backlog.ToString("N0")),
        ("staleWaiting", m => m.StaleWaiting.ToString("N0")),
        ("oldestWaitSeconds", m => SiloApi.Format(m.OldestWaitSeconds, "N0")),
        ("complaints", m => m.Complaints.ToString("N0")),
        ("complaintResponseRate", m => SiloApi.Format(m.ComplaintResponseRate, "P1")),
        ("complaintSlaRate", m => SiloApi.Format(m.ComplaintSlaRate, "P1")),
        ("expectationMet", m => SiloApi.Format(m.ExpectationMet, "P1")),
        ("engagementGap", m => SiloApi.Format(m.EngagementGap, "P1")),
        ("cannedShare", m => SiloApi.Format(m.CannedShare, "P1")),
        ("followUpRateCanned", m => SiloApi.Format(m.FollowUpRateCanned, "P1")),
        ("followUpRatePersonal", m => SiloApi.Format(m.FollowUpRatePersonal, "P1")),
        ("observedUnfollows", m => m.ObservedUnfollows.ToString("N0")),
        ("calibratedPUnfollow", m => SiloApi.Format(m.CalibratedPUnfollow, "P1") + " (" + SiloApi.Format(m.CalibratedPUnfollowLow, "P0") + "-" + SiloApi.Format(m.CalibratedPUnfollowHigh, "P0") + ")"),
    ];
}
