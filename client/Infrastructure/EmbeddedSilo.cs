using Analytics.Hosting;
using Analytics.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Analytics.Client.Infrastructure;

/// <summary>
/// A silo hosted in the client's own process (--embedded), configured by the same
/// <see cref="SiloConfiguration.AddAnalytics"/> as the silo host, on free loopback ports so it
/// never collides with a silo already running. Replay mode: the as-of follows the events.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost host;

    private EmbeddedSilo(IHost host) => this.host = host;

    /// <summary>Grain access.</summary>
    public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The engine's way in for events.</summary>
    public IngestService Ingest => host.Services.GetRequiredService<IngestService>();

    /// <summary>Where conversation grains keep their state.</summary>
    public IGrainStorage ConversationStorage => host.Services.GetRequiredKeyedService<IGrainStorage>(Names.ConversationStore);

    /// <summary>Starts a silo; <paramref name="settings"/> override configuration keys (e.g. "Analytics:Partitions"), <paramref name="services"/> changes its services (the bench's live floor).</summary>
    public static async Task<EmbeddedSilo> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, CancellationToken cancellationToken = default, Action<IServiceCollection>? services = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Analytics:AsOf"] = nameof(AsOfMode.Replay),
            // A run in the client's process keeps nothing on disk (an appsettings.json beside it may name a data directory).
            ["Analytics:DataDir"] = "",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning)
            // Orleans retries placement through Polly and logs each attempt; only real failures matter here.
            .AddFilter("Polly", LogLevel.Error)
            // When the silo stops, the memory queues' receivers log the cancellation of the read they
            // had pending as an error, after the replay's report is written. Those queues die with the
            // process, so nothing is lost: the run should end quietly.
            .AddFilter("Orleans.Providers.MemoryAdapterReceiver", LogLevel.Critical)
            // At start Orleans' watchdog reports the time since the machine booted as a stall
            // ("Participant check thread has not completed for 01:09:46"); a short-lived embedded
            // silo has no use for its warnings.
            .AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error)
            // Likewise a pulling agent's read canceled at the stop, logged by the agent itself.
            .DropCanceledStreamReads();
        builder.UseOrleans(silo => silo.UseAnalyticsClustering(builder.Configuration).AddAnalytics(builder.Configuration));
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new EmbeddedSilo(host);
    }

    /// <summary>
    /// A silo for replaying files: events arrive grouped by conversation
    /// (<see cref="ReplayGrouping"/>), so conversations deactivate as soon as their call is done.
    /// </summary>
    public static Task<EmbeddedSilo> StartForReplayAsync(CancellationToken cancellationToken = default) =>
        StartAsync(
            new Dictionary<string, string?>
            {
                ["Analytics:ConversationCollectionAge"] = TimeSpan.Zero.ToString(),
            },
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
