using System.Text;
using System.Text.Json;
using Analytics.Client.Infrastructure;
using Analytics.Import;
using Analytics.Ingest;
using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Tests.Import;

/// <summary>
/// Two embedded silos (the client's own, replay as-of): one that takes everything through the
/// ingest stream and the conversation grains, one that takes history through the bulk import.
/// Tests share them and keep apart by brand names (<see cref="Cluster.Scoped"/>).
/// </summary>
public sealed class ImportFixture : IAsyncLifetime
{
    private EmbeddedSilo? grains, import;

    /// <summary>The silo whose events all go through grains.</summary>
    public EmbeddedSilo GrainSilo => grains ?? throw new InvalidOperationException("not started");

    /// <summary>The silo that imports history in bulk.</summary>
    public EmbeddedSilo ImportSilo => import ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        grains = await EmbeddedSilo.StartAsync();
        import = await EmbeddedSilo.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (grains is not null) await grains.DisposeAsync();
        if (import is not null) await import.DisposeAsync();
    }

    /// <summary>Sends lines through the ingest stream and the grains (file order, no regrouping) and waits until reflected.</summary>
    public static async Task<IngestReceipt> ViaGrainsAsync(EmbeddedSilo silo, IEnumerable<string> lines)
    {
        var target = new EmbeddedTarget(silo, viaGrains: true, groupEvents: 0);
        using var body = Body(lines);
        var receipt = await target.ReplayAsync(NdjsonReader.ReadAsync(body), new ReplayCounters(), CancellationToken.None);
        Assert.True(await target.WaitCaughtUpAsync(TimeSpan.FromSeconds(60), CancellationToken.None), "grain path did not catch up");
        return receipt;
    }

    /// <summary>
    /// Imports lines in bulk, cut into chunks of <paramref name="chunkBytes"/> with short lines
    /// allowed only; conversations quiet for <paramref name="holdHours"/> of event time are imported,
    /// the others held back for the next chunk, at most <paramref name="maxHeldEvents"/> events of them.
    /// </summary>
    public static async Task<IngestReceipt> ImportAsync(EmbeddedSilo silo, IEnumerable<string> lines, int chunkBytes, int workers, double holdHours = 2, int maxHeldEvents = 1_000_000, Action<long>? applied = null)
    {
        using var body = Body(lines);
        var import = new HistoryImport(silo.Grains, silo.ConversationStorage) { HoldWindow = TimeSpan.FromHours(holdHours), MaxHeldEvents = maxHeldEvents };
        return await import.RunAsync(NdjsonChunks.ReadAsync(body, chunkBytes, workers, maxLineBytes: 1024), applied);
    }

    /// <summary>The report of the given brands, serialized as the client writes it.</summary>
    public static async Task<string> ReportAsync(EmbeddedSilo silo, IEnumerable<string> brands)
    {
        var metrics = await Task.WhenAll(brands.Select(b => silo.Grains.GetGrain<IBrandGrain>(b).GetMetricsAsync(MetricsQuery.All)));
        return JsonSerializer.Serialize(Views.Report(metrics.Where(m => m.AsOf is not null).ToList()), ReportJson.Options);
    }

    private static MemoryStream Body(IEnumerable<string> lines) => new(Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n"));
}

/// <summary>Tests that share the two silos.</summary>
[CollectionDefinition(Name)]
public sealed class ImportCollection : ICollectionFixture<ImportFixture>
{
    public const string Name = "import";
}
