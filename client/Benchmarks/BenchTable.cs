using Spectre.Console;

namespace Analytics.Client.Benchmarks;

/// <summary>The bench figures beside the engine's targets, as a console table.</summary>
public static class BenchTable
{
    public static Table Of(BenchReport r)
    {
        var table = new Table().Title($"bench {r.StartedAt:yyyy-MM-dd HH:mm}Z, {r.Machine.Cores} cores, load {r.Machine.LoadAverage} -> {r.LoadAverageAfter}")
            .AddColumn("figure").AddColumn(new TableColumn("measured").RightAligned()).AddColumn("target");
        void Row(string name, string value, string target) => table.AddRow(Markup.Escape(name), Markup.Escape(value), Markup.Escape(target));

        void Replay(string name, ReplayFigures? f, string target)
        {
            if (f is not null) Row(name, $"{f.EventsPerSecond:N0} events/s ({f.Events:N0} in {f.Seconds:N1} s; {f.CpuMicrosPerEvent:N2} µs CPU, {f.AllocatedBytesPerEvent:N0} B allocated per event; GC pauses {f.GcPauseShare:P0})", target);
        }
        Replay("replay: history import", r.Import, ">= 1,000,000 events/s");
        Replay("replay: import floor (parse + group)", r.ImportFloor, "");
        Replay("replay: grain path", r.Grains, "");
        if (r.Ratios is { } q)
        {
            if (q.ImportToFloor is { } a) Row("import / its floor", $"{a:P0} by events/s, {q.ImportToFloorByCpu:P0} by CPU per event", "");
            if (q.ImportToGrains is { } b) Row("import / grain path", $"{b:N1}x", "");
        }
        if (r.Memory is { } m)
        {
            Row("heap per active conversation", $"{m.ActiveHeapBytes:N0} B (working set {m.ActiveWorkingSetBytes:N0} B)", "<= 2,500 B");
            Row("heap per idle conversation", $"{m.IdleHeapBytes:N0} B (working set {m.IdleWorkingSetBytes:N0} B)", "<= 300 B");
        }
        void Live(string name, LiveFigures? l, bool figures)
        {
            if (l is null) return;
            Row($"{name}: rate sustained", $"{l.AchievedRate:N0} of {l.TargetRate:N0} events/s for {l.Seconds:N0} s, {l.PendingAtEnd:N0} pending at end; {l.CpuMicrosPerEvent:N2} µs CPU, {l.AllocatedBytesPerEvent:N0} B allocated per event; GC pauses {l.GcPauseShare:P0}", figures ? ">= 150,000 events/s for 60 s" : "");
            Row($"{name}: freshness", l.Freshness.ToString(), figures ? "p99 <= 250 ms at 100,000 events/s" : "");
            if (figures) Row($"{name}: brand query, 24 h window", l.Query.ToString(), "p99 <= 5 ms");
        }
        Live("live", r.Live, figures: true);
        Live("live, idle conversations", r.LiveIdle, figures: false);
        Live("live floor (no-op grains)", r.LiveFloor, figures: false);
        if (r.LiveToFloor is { } f) Row("live / its floor", $"{f:P0} by events/s", ">= 70 %");
        Live("live idle floor (no-op grains, deactivated after each call)", r.LiveIdleFloor, figures: false);
        if (r.LiveIdleToFloor is { } g) Row("live idle / its floor", $"{g:P0} by events/s", ">= 70 %");
        return table;
    }
}
