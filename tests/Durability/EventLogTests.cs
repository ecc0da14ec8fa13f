using Analytics.Models;
using Analytics.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Analytics.Tests.Durability;

/// <summary>The embedded event log gives back exactly what it acknowledged, cuts a torn last write and refuses damage before it.</summary>
public sealed class EventLogTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("eventlog-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static List<CareEvent> Batch(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => new CareEvent(
            $"e{i}", i % 7 == 0 ? EventKind.Follow : EventKind.Message, i % 2 == 0 ? "Brand A" : "Brand/ü", "twitter",
            i % 7 == 0 ? "" : $"c{i % 13}", i % 7 == 0 ? Direction.None : (i % 3 == 0 ? Direction.Outbound : Direction.Inbound),
            1_000_000L * i, (ulong)i * 0x9E3779B97F4A7C15UL, Complaint: i % 7 != 0 && i % 3 != 0 && i % 5 == 0,
            Extras: i % 4 == 0 ? new MessageExtras(null, (ulong)i + 1, "author" + i, "text é " + i) : null))];

    private async Task<List<CareEvent>> WriteAsync(int batches, int perBatch, long segmentBytes = 64 << 20)
    {
        var written = new List<CareEvent>();
        await using var log = EventLog.Open(directory, FsyncPolicy.Always, segmentBytes);
        for (var b = 0; b < batches; b++)
        {
            var batch = Batch(b * perBatch, perBatch);
            await log.AppendAsync(batch);
            await log.CommitAsync();
            written.AddRange(batch);
        }
        return written;
    }

    private string[] SegmentFiles() => [.. Directory.GetFiles(directory, "events-*.log").Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Recover_AfterAppends_GivesBackEveryEventInOrderAcrossSegments()
    {
        var written = await WriteAsync(batches: 30, perBatch: 50, segmentBytes: 8_000);

        Assert.True(SegmentFiles().Length > 3, $"{SegmentFiles().Length} segments");
        Assert.Equal(written, EventLog.Recover(directory, NullLogger.Instance).ToList());
        // Opened again, the log goes on after what it holds.
        await using (var log = EventLog.Open(directory, FsyncPolicy.No, 8_000))
        {
            await log.AppendAsync(Batch(10_000, 5));
            await log.CommitAsync();
        }
        Assert.Equal([.. written, .. Batch(10_000, 5)], EventLog.Recover(directory, NullLogger.Instance).ToList());
    }

    [Fact]
    public async Task Recover_TornLastWrite_CutWithAWarningAndTheRestKept()
    {
        var written = await WriteAsync(batches: 5, perBatch: 20);
        var last = SegmentFiles()[^1];
        var length = new FileInfo(last).Length;
        await using (var file = new FileStream(last, FileMode.Open)) file.SetLength(length - 7);
        var logger = new ListLogger();

        var recovered = EventLog.Recover(directory, logger).ToList();

        Assert.Equal(written[..80], recovered);
        var warning = Assert.Single(logger.Messages, m => m.Level == LogLevel.Warning);
        Assert.Contains("cut off", warning.Text, StringComparison.Ordinal);
        Assert.True(new FileInfo(last).Length < length - 7, "the torn record is cut from the file");
        // A second start finds nothing to cut.
        Assert.Equal(recovered, EventLog.Recover(directory, logger).ToList());
        Assert.Single(logger.Messages, m => m.Level == LogLevel.Warning);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Recover_DamageBeforeGoodRecords_StopsAndLeavesTheFilesAlone(bool inEarlierSegment)
    {
        await WriteAsync(batches: 20, perBatch: 30, segmentBytes: inEarlierSegment ? 6_000 : 64 << 20);
        var segments = SegmentFiles();
        var damaged = inEarlierSegment ? segments[0] : segments[^1];
        var bytes = await File.ReadAllBytesAsync(damaged);
        bytes[bytes.Length / 3] ^= 0x40;
        await File.WriteAllBytesAsync(damaged, bytes);
        var before = segments.Select(File.ReadAllBytes).ToList();

        var e = Assert.Throws<InvalidDataException>(() => EventLog.Recover(directory, NullLogger.Instance));

        Assert.Contains(Path.GetFileName(damaged), e.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, segments.Select(File.ReadAllBytes).ToList());
    }

    [Fact]
    public void Recover_NoDirectory_Nothing() =>
        Assert.Empty(EventLog.Recover(Path.Combine(directory, "none"), NullLogger.Instance));

    [Fact]
    public void SettingsLog_LastChangePerBrandWins_TornLineSkipped()
    {
        var path = Path.Combine(directory, "settings.ndjson");
        var log = new SettingsLog(path);
        log.Load();
        log.Record("A", BrandSettings.Default with { Sla = 60 });
        log.Record("B", BrandSettings.Default with { PUnfollow = 0.3 });
        log.Record("A", BrandSettings.Default with { Sla = 120 });
        var length = new FileInfo(path).Length;
        // The same settings again write nothing.
        log.Record("A", BrandSettings.Default with { Sla = 120 });
        Assert.Equal(length, new FileInfo(path).Length);
        File.AppendAllText(path, "{\"brand\":\"B\",\"sett");

        var loaded = new SettingsLog(path).Load().Settings;

        Assert.Equal(BrandSettings.Default with { Sla = 120 }, loaded["A"]);
        Assert.Equal(BrandSettings.Default with { PUnfollow = 0.3 }, loaded["B"]);
        // A change after a torn line is still read back.
        var again = new SettingsLog(path);
        again.Load();
        again.Record("B", BrandSettings.Default);
        Assert.Equal(BrandSettings.Default, new SettingsLog(path).Load().Settings["B"]);
    }

    [Fact]
    public void SettingsLog_AlertRules_LastPerBrandWins_BesideTheSettings()
    {
        var path = Path.Combine(directory, "settings.ndjson");
        var log = new SettingsLog(path);
        log.Load();
        log.Record("A", BrandSettings.Default with { Sla = 60 });
        log.Record("A", new AlertRules([new AlertRule(AlertRule.SlaBreachForecast, WithinSeconds: 60)], []));
        log.Record("A", new AlertRules([new AlertRule(AlertRule.BacklogGrowth, PerMinuteAbove: 2, WindowSeconds: 600)], [new AlertWebhook("https://example.org/h", "s")]));

        var known = new SettingsLog(path).Load();

        Assert.Equal(BrandSettings.Default with { Sla = 60 }, known.Settings["A"]);
        var rules = known.Alerts["A"];
        Assert.Equal([new AlertRule(AlertRule.BacklogGrowth, PerMinuteAbove: 2, WindowSeconds: 600)], rules.Rules);
        Assert.Equal([new AlertWebhook("https://example.org/h", "s")], rules.Webhooks);
    }

    [Fact]
    public void Snapshot_RoundTrip_RemovesWhatItFolds_AndADamagedOneStopsTheStart()
    {
        File.WriteAllText(Path.Combine(directory, "events-000001.log"), "x");
        File.WriteAllText(Path.Combine(directory, "events-000002.log"), "x");
        File.WriteAllText(Path.Combine(directory, "events-000003.log"), "x");
        var records = Enumerable.Range(0, 1000).Select(i => (Key: System.Text.Encoding.UTF8.GetBytes($"brand/c{i}"), State: new byte[i % 300])).ToList();

        new Snapshot(2, 5000, 40, 3).Write(directory, write => records.ForEach(r => write(r.Key, r.State)));

        Assert.Equal(["events-000003.log", "snapshot-000002.bin"], Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var (snapshot, read) = Snapshot.Load(directory)!.Value;
        Assert.Equal(new Snapshot(2, 5000, 40, 3), snapshot);
        Assert.Equal(records.Select(r => (Convert.ToHexString(r.Key), r.State.Length)), read.Select(r => (Convert.ToHexString(r.Key), r.State.Length)));

        var path = Path.Combine(directory, "snapshot-000002.bin");
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 1;
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Snapshot.Load(directory));
        Assert.Contains("Nothing was changed", e.Message, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Text)> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add((logLevel, formatter(state, exception)));
    }
}
