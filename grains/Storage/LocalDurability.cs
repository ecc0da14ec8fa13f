using System.Diagnostics;
using System.Runtime.CompilerServices;
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
/// becomes active, before it serves, brand settings are restored from the <see cref="SettingsLog"/>
/// and every logged event is imported in bulk (<see cref="HistoryImport"/>) from the
/// <see cref="EventLog"/>; then the log takes new events. A silo that recovers takes no live
/// events until it has, as the import requires.
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
        foreach (var (brand, s) in known) await grains.GetGrain<IBrandGrain>(brand).SetSettingsAsync(s);
        Settings = settings;

        var events = EventLog.Recover(directory, logger);
        var import = new HistoryImport(grains, services.GetRequiredKeyedService<IGrainStorage>(Names.ConversationStore));
        var receipt = await import.RunAsync(Chunks(events, cancellationToken), cancellationToken: cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        logger.LogWarning(
            "Embedded mode keeps its events and settings in {Directory} (fsync {Fsync}): recovered {Events:N0} events and the settings of {Brands} brands in {Seconds:N1} s",
            directory, options.Value.Fsync, receipt.Accepted, known.Count, seconds);
        Log = EventLog.Open(directory, options.Value.Fsync, options.Value.LogSegmentBytes);
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
