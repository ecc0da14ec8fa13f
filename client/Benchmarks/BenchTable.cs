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

        if (r.Engine is { } e && r.Floor is { } f)
        {
            Row("replay engine", $"{e.EventsPerSecond:N0} events/s ({e.Events:N0} in {e.Seconds:N1} s)", ">= 200,000 events/s");
            Row("replay floor (no-op grains)", $"{f.EventsPerSecond:N0} events/s", "");
            Row("engine / floor", $"{r.EngineToFloor:P0} by events/s, {r.EngineToFloorByCpu:P0} by CPU per event", ">= 70%");
            Row("GC pause share engine / floor", $"{e.GcPauseShare:P0} / {f.GcPauseShare:P0}", "");
            Row("CPU per event engine / floor", $"{e.CpuMicrosPerEvent:N1} / {f.CpuMicrosPerEvent:N1} µs", "10 µs = 200,000/s on 2 cores");
            Row("allocated per event engine / floor", $"{e.AllocatedBytesPerEvent:N0} / {f.AllocatedBytesPerEvent:N0} B", "");
        }
        if (r.Memory is { } m)
        {
            Row("heap per active conversation", $"{m.ActiveHeapBytes:N0} B (working set {m.ActiveWorkingSetBytes:N0} B)", "<= 2,500 B");
            Row("heap per idle conversation", $"{m.IdleHeapBytes:N0} B (working set {m.IdleWorkingSetBytes:N0} B)", "<= 300 B");
        }
        if (r.Live is { } l)
        {
            Row("live rate sustained", $"{l.AchievedRate:N0} of {l.TargetRate:N0} events/s for {l.Seconds:N0} s, {l.PendingAtEnd:N0} pending at end", ">= 200,000 events/s for 60 s");
            Row("freshness", l.Freshness.ToString(), "p99 <= 250 ms");
            Row("brand query, 24 h window", l.Query.ToString(), "p99 <= 5 ms");
        }
        return table;
    }
}
