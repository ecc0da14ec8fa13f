using System.CommandLine;
using Analytics.Models;
using Analytics.Simulation;

namespace Analytics.Client.Commands;

/// <summary>The generator's options as command-line options, shared by generate, load and bench.</summary>
internal sealed class TrafficCliOptions(double defaultTimeScale = 1.0)
{
    // A fixed default start keeps a generated file the same from run to run.
    private static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Option<int> seed = new("--seed") { Description = "Random seed: the same seed and options give the same events", DefaultValueFactory = _ => 1 };
    private readonly Option<int> brands = new("--brands") { Description = "Number of brands (Zipf popularity)", DefaultValueFactory = _ => 12 };
    private readonly Option<DateTimeOffset?> start = new("--start") { Description = "Event time of the first conversation (default 2026-01-01T00:00Z for generate, now for load)" };
    private readonly Option<double> timeScale = new("--time-scale") { Description = "Divide every reply and follow-up delay by this (60: an hour's wait becomes a minute)", DefaultValueFactory = _ => defaultTimeScale };
    private readonly Option<double> lateShare = new("--late") { Description = "Share of events arriving late", DefaultValueFactory = _ => new TrafficOptions().LateShare };
    private readonly Option<double> duplicateShare = new("--duplicates") { Description = "Share of events sent twice", DefaultValueFactory = _ => new TrafficOptions().DuplicateShare };
    private readonly Option<bool> text = new("--text") { Description = "Give messages an author and a text like real mentions (complaints, questions, canned and written replies); off by default so benchmark files stay comparable" };

    public void AddTo(Command command)
    {
        command.Options.Add(seed);
        command.Options.Add(brands);
        command.Options.Add(start);
        command.Options.Add(timeScale);
        command.Options.Add(lateShare);
        command.Options.Add(duplicateShare);
        command.Options.Add(text);
    }

    public int Seed(ParseResult parse) => parse.GetValue(seed);

    /// <summary>The start in UTC microseconds; <paramref name="fallback"/> when not given (the default start when null).</summary>
    public long Start(ParseResult parse, DateTimeOffset? fallback = null) =>
        Time.FromDateTimeOffset(parse.GetValue(start) ?? fallback ?? DefaultStart);

    public TrafficOptions Options(ParseResult parse, double? eventsPerSecond = null) => new()
    {
        Brands = parse.GetValue(brands),
        TimeScale = parse.GetValue(timeScale),
        LateShare = parse.GetValue(lateShare),
        DuplicateShare = parse.GetValue(duplicateShare),
        EventsPerSecond = eventsPerSecond ?? new TrafficOptions().EventsPerSecond,
        Text = parse.GetValue(text),
    };
}
