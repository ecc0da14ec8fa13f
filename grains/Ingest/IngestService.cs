using Analytics.Hosting;
using Analytics.Import;
using Analytics.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Storage;

namespace Analytics.Ingest;

/// <summary>
/// The engine's one way in for events, and a receipt out. Live input (an HTTP body, the demo feed,
/// generated load) goes through the ingest stream and the conversation grains: parsed line by
/// line (<see cref="NdjsonReader"/>, or <see cref="TwcsImporter"/> for a twcs.csv), published in
/// batches (<see cref="IngestSession"/>, <see cref="EventPublisher"/>), one call per conversation
/// and one per brand (<see cref="Grains.EventRouterGrain"/>). History goes through the bulk import
/// (<see cref="HistoryImport"/>) into the grains' stored state. Both parse with the same parser,
/// so the same bytes give the same events whichever way they come in.
/// </summary>
public sealed class IngestService(EventPublisher publisher, IGrainFactory grains, IServiceProvider services, IOptions<AnalyticsOptions> options, TimeProvider clock)
{
    /// <summary>Ingests a body live: NDJSON streamed (the body is never held whole) or a twcs.csv.</summary>
    /// <param name="body">The bytes as sent.</param>
    /// <param name="format">NDJSON or twcs.csv.</param>
    /// <param name="firstLine">Line number of the body's first line, when it is a part of a file.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <param name="brandAllowed">The brands the sender may write (an API key's); events of others are rejected. Null: all.</param>
    /// <exception cref="IngestInterruptedException">The body broke off; what was read before is ingested.</exception>
    /// <exception cref="InvalidDataException">A twcs.csv without its header row.</exception>
    public async Task<IngestReceipt> AcceptAsync(Stream body, InputFormat format, long firstLine = 1, CancellationToken cancellationToken = default, Func<string, bool>? brandAllowed = null)
    {
        ArgumentNullException.ThrowIfNull(body);
        var session = NewSession();
        try
        {
            if (format == InputFormat.TwcsCsv) await AddTwcsAsync(body, session, brandAllowed, cancellationToken);
            else await session.AddAllAsync(Screened(NdjsonReader.ReadAsync(body, EventLimits.DefaultMaxLineBytes, firstLine, cancellationToken), brandAllowed));
        }
        catch (IOException e) when (e is not IngestInterruptedException)
        {
            throw new IngestInterruptedException(await session.CompleteAsync(), e);
        }
        return await session.CompleteAsync();
    }

    /// <summary>
    /// Ingests parsed lines live, in order; <paramref name="published"/> hears after each
    /// published batch how many events went out so far (e.g. to hold back a fast sender).
    /// </summary>
    public async Task<IngestReceipt> AcceptAsync(IAsyncEnumerable<ParsedLine> lines, Func<long, Task>? published = null)
    {
        var session = NewSession(published);
        await session.AddAllAsync(Screened(lines, null));
        return await session.CompleteAsync();
    }

    /// <summary>Ingests generated events live (the demo feed, load tests).</summary>
    /// <param name="events">The events.</param>
    /// <param name="keep">False keeps them out of embedded mode's event log: the demo feed's made-up events, generated anew at every start, would fill the disk and come back after a restart.</param>
    public async Task<IngestReceipt> AcceptAsync(IEnumerable<CareEvent> events, bool keep = true)
    {
        ArgumentNullException.ThrowIfNull(events);
        var session = NewSession(keep: keep);
        foreach (var e in events) await session.AddAsync(e);
        return await session.CompleteAsync();
    }

    /// <summary>
    /// Imports a history file in bulk (<see cref="HistoryImport"/>). The conversations it touches
    /// must take no live events meanwhile: a replay into its own silo, or a silo recovering
    /// before it serves.
    /// </summary>
    /// <param name="input">The file.</param>
    /// <param name="applied">Hears how many events were imported so far, after each chunk.</param>
    /// <param name="cancellationToken">Stops the import between chunks.</param>
    public Task<IngestReceipt> ImportAsync(IngestInput input, Action<long>? applied = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var import = new HistoryImport(grains, services.GetRequiredKeyedService<IGrainStorage>(Names.ConversationStore));
        return import.RunAsync(ChunksAsync(input, options.Value.KeepText, cancellationToken), applied, cancellationToken);
    }

    private IngestSession NewSession(Func<long, Task>? published = null, bool keep = true) =>
        new(publisher, grains, keep ? services.GetService<Storage.LocalDurability>()?.Log : null, publisher.SessionBatchSize) { Published = published ?? HoldBackAsync, KeepText = options.Value.KeepText };

    /// <summary>Times an ingest request waited because what it had published was not yet applied (AnalyticsOptions.MaxIngestBacklog).</summary>
    public long BacklogWaits => Interlocked.Read(ref backlogWaits);

    private long backlogWaits;

    // Embedded mode: what a request published and the grains have not applied is held in memory;
    // past the bound the request waits, so a large body costs its backlog, not its size.
    private async Task HoldBackAsync(long published)
    {
        var bound = options.Value.MaxIngestBacklog;
        // A request that published no more than the bound cannot hold more: no ledger call for the
        // many small requests of a live feed.
        if (options.Value.Mode == EngineMode.Cluster || bound <= 0 || published <= bound) return;
        var ledger = grains.GetGrain<IIngestLedgerGrain>(0);
        for (var waited = false; ; waited = true)
        {
            var status = await ledger.GetStatusAsync();
            if (status.Accepted + published - status.Applied <= bound) return;
            if (!waited) Interlocked.Increment(ref backlogWaits);
            await Task.Delay(TimeSpan.FromMilliseconds(10), clock);
        }
    }

    // Events the parser accepted but this silo refuses become rejects with their reason.
    private async IAsyncEnumerable<ParsedLine> Screened(IAsyncEnumerable<ParsedLine> lines, Func<string, bool>? brandAllowed)
    {
        await foreach (var line in lines)
        {
            yield return line.Event is { } e && Refusal(e, brandAllowed) is { } reason ? new ParsedLine(line.Line, null, new RejectedLine(line.Line, reason)) : line;
        }
    }

    // Live mode: an event far ahead of the clock (AnalyticsOptions.MaxFutureSkew); a brand the
    // sender's API key may not write.
    private string? Refusal(CareEvent e, Func<string, bool>? brandAllowed) =>
        options.Value.AsOf == AsOfMode.Live && e.Timestamp > Time.FromDateTimeOffset(clock.GetUtcNow() + options.Value.MaxFutureSkew)
            ? Reasons.TimestampInFuture(e.Timestamp, options.Value.MaxFutureSkew)
            : brandAllowed is not null && !brandAllowed(e.Brand) ? Reasons.BrandNotAllowed(e.Brand)
            : null;

    private static async IAsyncEnumerable<ParsedChunk> ChunksAsync(IngestInput input, bool keepText, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (input.Format == InputFormat.TwcsCsv)
        {
            var importer = TwcsImporter.Open(input.Open, cancellationToken);
            input.Twcs = importer.Result;
            foreach (var chunk in EventChunks.Of(importer, Environment.ProcessorCount, keepText, cancellationToken)) yield return chunk;
            yield break;
        }
        await using var stream = input.Open();
        await foreach (var chunk in NdjsonChunks.ReadAsync(stream, keepText: keepText, cancellationToken: cancellationToken)) yield return chunk;
    }

    // Reply trees need the whole file before the first event can be labelled: the body is kept in
    // a temporary file for the importer's two passes.
    private async Task AddTwcsAsync(Stream body, IngestSession session, Func<string, bool>? brandAllowed, CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var spool = File.Create(path)) await body.CopyToAsync(spool, cancellationToken);
            var importer = TwcsImporter.Open(path, cancellationToken);
            session.AddRejects(importer.Result.Rejected, importer.Result.RejectedByReason);
            foreach (var e in importer.ReadEvents(cancellationToken))
            {
                // Counted, not listed: the importer's events carry no row number.
                if (Refusal(e, brandAllowed) is { } reason) session.CountRejects(new RejectedLine(0, reason).Category, 1);
                else await session.AddAsync(e);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
