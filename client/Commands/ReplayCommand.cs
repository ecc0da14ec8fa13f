using System.CommandLine;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Analytics.Client.Infrastructure;
using Analytics.Ingest;
using Analytics.Models;
using Analytics.Reporting;
using Spectre.Console;

namespace Analytics.Client.Commands;

/// <summary>
/// replay FILES... [--silo URL | --embedded] [--report OUT.json] [--from --to] [--format]:
/// sends NDJSON and twcs.csv files, waits until every accepted event is reflected in the brand
/// grains, and optionally writes the report (METRICS-SPEC section 6).
/// </summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "NDJSON or twcs.csv files", Arity = ArgumentArity.OneOrMore };
        var silo = new SiloOptions();
        var embedded = new Option<bool>("--embedded") { Description = "Start a silo in this process instead of using --silo (replay as-of: the latest event time)" };
        var report = new Option<FileInfo?>("--report") { Description = "Write the report JSON here when done" };
        var from = CommonOptions.From();
        var to = CommonOptions.To();
        var format = new Option<string>("--format") { Description = "Input format", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong("auto", "ndjson", "twcs");
        var group = new Option<int>("--group")
        {
            Description = "With --via grains: send each conversation's events together, regrouping chunks of this many events (0 = file order; the metrics do not depend on order)",
            DefaultValueFactory = _ => ReplayGrouping.DefaultChunkEvents,
        };
        group.Validators.Add(r => { if (r.GetValue(group) < 0) r.AddError("--group must not be negative"); });
        var requestKb = new Option<int>("--request-kb")
        {
            Description = "With --silo: NDJSON kilobytes per request (whole lines; a failed request is sent again whole)",
            DefaultValueFactory = _ => HttpTarget.DefaultRequestBytes >> 10,
        };
        requestKb.Validators.Add(r => { if (r.GetValue(requestKb) is < 1 or > (1 << 20)) r.AddError("--request-kb must be from 1 to 1048576"); });
        var via = new Option<string>("--via")
        {
            Description = "With --embedded: 'import' computes conversations in bulk and stores them as their grains' state; 'grains' sends every event through the ingest stream and the conversation grains (same report, slower)",
            DefaultValueFactory = _ => "import",
        };
        via.AcceptOnlyFromAmong("import", "grains");

        var command = new Command("replay", "Send NDJSON and twcs.csv files to the engine and wait until they are reflected")
        {
            files, embedded, report, from, to, format, group, via, requestKb,
        };
        silo.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var window = WindowOf(parse.GetValue(from), parse.GetValue(to));
            if (window.Error is not null)
            {
                Console.Error.WriteLine(window.Error);
                return 2;
            }
            var inputs = parse.GetValue(files)!;
            foreach (var f in inputs.Where(f => !f.Exists))
            {
                Console.Error.WriteLine($"{f.FullName}: no such file");
                return 2;
            }
            var formats = inputs.Select(f => (File: f, Format: InputFiles.Resolve(f.FullName, parse.GetValue(format)!))).ToList();
            foreach (var (f, _) in formats.Where(x => x.Format == InputFormat.Unknown))
            {
                Console.Error.WriteLine($"{f.FullName}: neither NDJSON (a line starting with '{{') nor twcs.csv (a header with tweet_id and author_id); use --format");
                return 2;
            }
            var viaGrains = parse.GetValue(via) == "grains";
            var counters = new ReplayCounters();
            // Ungrouped (file order), a conversation is called once per event: keep it active between them.
            await using IReplayTarget target = parse.GetValue(embedded)
                ? new EmbeddedTarget(
                    viaGrains && parse.GetValue(group) > 1
                        ? await EmbeddedSilo.StartForReplayAsync(cancellationToken: cancellationToken)
                        : await EmbeddedSilo.StartAsync(cancellationToken: cancellationToken),
                    viaGrains,
                    parse.GetValue(group))
                : new HttpTarget(silo.Api(parse, counters.Notice), parse.GetValue(requestKb) << 10);
            try
            {
                return await RunAsync(target, counters, formats, window.Query!, parse.GetValue(report), cancellationToken);
            }
            catch (Exception e) when (e is SilosUnavailableException or SiloHttpException)
            {
                return silo.Fail(parse, e);
            }
        });
        return command;
    }

    internal static (MetricsQuery? Query, string? Error) WindowOf(DateTimeOffset? from, DateTimeOffset? to)
    {
        long? Minute(DateTimeOffset? v) => v is { } d ? Time.FromDateTimeOffset(d) : null;
        var (f, t) = (Minute(from), Minute(to));
        if (f % Time.MicrosPerMinute is not (null or 0) || t % Time.MicrosPerMinute is not (null or 0)) return (null, "--from and --to must be whole UTC minutes");
        if (f is not null && t is not null && t < f) return (null, "--to must not be before --from");
        return (new MetricsQuery(f, t), null);
    }

    private static async Task<int> RunAsync(IReplayTarget target, ReplayCounters counters, List<(FileInfo File, InputFormat Format)> inputs, MetricsQuery window, FileInfo? reportFile, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var receipts = new List<(FileInfo File, IngestReceipt Receipt, TwcsImportResult? Twcs)>();
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                foreach (var (file, format) in inputs)
                {
                    var task = ctx.AddTask(Markup.Escape(file.Name), maxValue: Math.Max(1, file.Length));
                    var input = new ReplayInput(file.FullName, format);
                    var replay = target.ReplayFileAsync(input, counters, cancellationToken);
                    while (await Task.WhenAny(replay, Task.Delay(250, cancellationToken)) != replay)
                    {
                        task.Value = Interlocked.Read(ref input.Position.Value);
                        task.Description = $"{Markup.Escape(file.Name)} {counters.Sent:N0} events, {counters.Sent / clock.Elapsed.TotalSeconds:N0}/s{Markup.Escape(counters.RecentNotice())}";
                    }
                    receipts.Add((file, await replay, input.Twcs.Value));
                    task.Value = task.MaxValue;
                }
                var applying = ctx.AddTask("reflected in brand grains", maxValue: Math.Max(1, counters.Sent));
                while (!await target.WaitCaughtUpAsync(TimeSpan.FromMilliseconds(250), cancellationToken))
                {
                    applying.Value = Math.Min((await target.StatusAsync(cancellationToken)).Applied, applying.MaxValue);
                    applying.Description = "reflected in brand grains" + Markup.Escape(counters.RecentNotice());
                }
                applying.Value = applying.MaxValue;
            });
        var seconds = clock.Elapsed.TotalSeconds;

        foreach (var (file, receipt, twcs) in receipts)
        {
            var rejected = twcs?.RowsRejected ?? receipt.Rejected;
            var byReason = twcs?.RejectedByReason ?? receipt.RejectedByReason;
            Console.WriteLine($"{file.Name}: {receipt.Accepted:N0} accepted ({receipt.Duplicates:N0} repeated ids), {rejected:N0} rejected");
            if (twcs is not null) Console.WriteLine($"  {twcs.Trees:N0} reply trees, {twcs.UnattributedTrees:N0} unattributed ({twcs.UnattributedTweets:N0} tweets skipped: no brand reply and no known @brand in the root)");
            foreach (var r in receipt.Rejects.Take(20)) Console.Error.WriteLine($"  {file.Name}:{r}");
            if (rejected > 20) Console.Error.WriteLine($"  ... by reason: {string.Join(", ", byReason.Select(kv => $"{kv.Key}: {kv.Value:N0}"))}");
        }
        var total = receipts.Sum(r => r.Receipt.Accepted);
        Console.WriteLine($"replayed {total:N0} events in {seconds:N1} s: {total / seconds:N0} events/s");

        if (reportFile is not null)
        {
            var report = await target.ReportAsync(window, cancellationToken);
            await using (var output = reportFile.Create()) await JsonSerializer.SerializeAsync(output, report, ReportJson.Options, cancellationToken);
            // The whole of a history's cost, file bytes to written report: what a batch engine's
            // load and query are compared with (docs/BENCHMARKS.md).
            var all = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"report written to {reportFile.FullName} in {all - seconds:N1} s: {total / all:N0} events/s from file to report");
        }
        return 0;
    }
}
