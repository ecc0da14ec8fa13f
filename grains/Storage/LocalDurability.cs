using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Analytics.Hosting;
using Analytics.Import;
using Analytics.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Analytics.Storage;

/// <summary>
/// Embedded mode with a data directory (<see cref="AnalyticsOptions.DataDir"/>): when the silo
/// becomes active, before it serves, brand settings are restored from the <see cref="SettingsLog"/>,
/// conversations from the newest <see cref="Snapshot"/>, and the events logged since are imported
/// in bulk (<see cref="HistoryImport"/>) from the <see cref="EventLog"/>; those segments are then
/// folded into a new snapshot, so each start reads the conversations plus what came since the last
/// start, not every event ever accepted. Then the log takes new events, in a new segment. A silo
/// that recovers takes no live events until it has, as the import requires.
/// </summary>
public sealed class LocalDurability(
    IOptions<AnalyticsOptions> options,
    IGrainFactory grains,
    IServiceProvider services,
    ILogger<LocalDurability> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Where accepted events go; null until recovery is done.</summary>
    public EventLog? Log { get; private set; }

    /// <summary>Where brand settings go; null until recovery is done.</summary>
    public SettingsLog? Settings { get; private set; }

    /// <summary>The data directory, absolute: a relative one is under the directory the silo was started in.</summary>
    public string Directory => Path.GetFullPath(options.Value.DataDir!);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LocalDurability), ServiceLifecycleStage.Active, RecoverAsync, CloseAsync);

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var directory = Directory;
        System.IO.Directory.CreateDirectory(directory);
        var clock = Stopwatch.StartNew();
        var settings = new SettingsLog(Path.Combine(directory, "settings.ndjson"));
        var known = settings.Load();
        foreach (var (brand, s) in known.Settings) await grains.GetGrain<IBrandGrain>(brand).SetSettingsAsync(s);
        foreach (var (brand, rules) in known.Alerts) await grains.GetGrain<IBrandGrain>(brand).SetAlertRulesAsync(rules);
        Settings = settings;

        var storage = (LocalGrainStorage)services.GetRequiredKeyedService<IGrainStorage>(Names.ConversationStore);
        var conversationType = grains.GetGrain<IConversationGrain>("/").GetGrainId().Type;
        var import = new HistoryImport(grains, storage);
        var ledger = grains.GetGrain<IIngestLedgerGrain>(0);

        // The snapshot first: conversations' states straight into the storage, their contributions to the brands.
        var snapshot = Snapshot.Load(directory);
        long conversations = 0;
        if (snapshot is { } loaded)
        {
            await import.RestoreBrandsAsync(loaded.Records.Select(r =>
            {
                storage.Restore(conversationType, r.Key, r.State);
                conversations++;
                return (Encoding.UTF8.GetString(r.Key), LocalGrainStorage.DecodeConversation(r.State));
            }));
            var s = loaded.Snapshot;
            await ledger.RecordIngestAsync(new IngestReceipt(s.Accepted, s.Duplicates, 0, [], []));
            await ledger.RecordAppliedAsync(s.Accepted, s.Duplicates, s.ConflictingDuplicates);
        }
        var after = snapshot?.Snapshot.LastSegment ?? 0;

        // Then the segments written since, imported in bulk.
        var lastSegment = EventLog.LastSegment(directory);
        var events = EventLog.Recover(directory, logger, after);
        var receipt = await import.RunAsync(Chunks(events, cancellationToken), cancellationToken: cancellationToken);

        // Folded into a new snapshot, so the next start reads conversations, not every event again.
        if (lastSegment > after && receipt.Accepted > 0)
        {
            var status = await ledger.GetStatusAsync();
            new Snapshot(lastSegment, status.Accepted, status.Duplicates, status.ConflictingDuplicates)
                .Write(directory, write => storage.Dump(conversationType, write));
        }
        logger.LogWarning(
            "Embedded mode keeps its events and settings in {Directory} (fsync {Fsync}): recovered {Conversations:N0} conversations from a snapshot, {Events:N0} events from the log and the settings of {Brands} brands in {Seconds:N1} s",
            directory, options.Value.Fsync, conversations, receipt.Accepted, known.Settings.Count, clock.Elapsed.TotalSeconds);
        Log = EventLog.Open(directory, options.Value.Fsync, options.Value.LogSegmentBytes, Math.Max(lastSegment, after) + 1);
    }

    private async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (Log is { } log) await log.DisposeAsync();
        Log = null;
    }

    private static async IAsyncEnumerable<ParsedChunk> Chunks(IEnumerable<CareEvent> events, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var chunk in EventChunks.Of(events, Environment.ProcessorCount))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return chunk;
        }
        await Task.CompletedTask;
    }
}
