using System.Collections.Concurrent;
using System.Threading.Channels;
using Analytics.Domain;
using Analytics.Domain.Packing;
using Analytics.Grains;
using Analytics.Hosting;
using Analytics.Ingest;
using Analytics.Models;
using Orleans.Storage;

namespace Analytics.Import;

/// <summary>
/// Imports history in bulk: no grain call per conversation. Each chunk of parsed events is grouped
/// by conversation on all cores; each conversation is computed with the conversation grain's own
/// domain code (<see cref="EventSet"/>, <see cref="AddCounts"/>, <see cref="ConversationShape"/>,
/// <see cref="PackedEvents"/>), merged with the state a previous chunk stored for it, and written as
/// that grain's stored state; each brand then takes its conversations' contributions in one call
/// per chunk. A conversation grain activates later, from that state, only when asked for or when a
/// new event continues the conversation, and from then on behaves exactly as if every event had
/// gone through it: it holds the same events and the same version.
/// <para>The rule this relies on: while an import runs, the conversations it touches take no live
/// events (no active conversation grain would see the state written under it). A replay into its
/// own silo, or the recovery of a silo before it serves, fulfils it.</para>
/// <para>Memory: the chunk being parsed, the chunk being computed, the events of conversations held
/// back for the next chunks (<see cref="HeldBack"/>, bounded) and the brand calls in flight; what
/// stays is each conversation's stored state and the brands' ledgers.</para>
/// </summary>
public sealed class HistoryImport(IGrainFactory grains, IGrainStorage conversationStorage)
{
    private readonly IConversationStates states = StatesOf(grains, conversationStorage);
    private readonly HashSet<string> registeredBrands = new(StringComparer.Ordinal);
    // Record buffers outlive their chunk: a brand call sends the buffer itself, and it is reused
    // once every brand call of the chunk returned.
    private readonly ConcurrentBag<ContributionRecords> spareRecords = [];
    private HeldBack[] heldBack = [];

    /// <summary>Quiet time (event time) after which a conversation is imported rather than held for the next chunk (<see cref="HeldBack"/>).</summary>
    public TimeSpan HoldWindow { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Most events held back for the next chunks, over all workers.</summary>
    public long MaxHeldEvents { get; init; } = 1_000_000;

    /// <summary>Imports every chunk of <paramref name="source"/>, records the receipt in the ingest ledger and returns it.</summary>
    /// <param name="source">Parsed chunks in file order (read ahead of the import, at most one chunk waiting); each of a chunk's shares is imported by its own worker.</param>
    /// <param name="applied">Called after each chunk with the number of events imported so far.</param>
    /// <param name="cancellationToken">Stops the import between chunks.</param>
    public async Task<IngestReceipt> RunAsync(IAsyncEnumerable<ParsedChunk> source, Action<long>? applied = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var chunks = Channel.CreateBounded<ParsedChunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(() => ReadAheadAsync(source, chunks.Writer, cancellationToken), cancellationToken);
        var rejects = new RejectTally();
        long accepted = 0, duplicates = 0, conflicting = 0;
        // The brands take a chunk while the next one is computed: a brand's turn runs on one core,
        // and the cores waited on the largest brand. The contributions wait packed (no objects the
        // collector would copy), and each chunk's brand calls start only after the previous
        // chunk's returned, so a brand takes the chunks in order.
        var applying = Task.CompletedTask;
        long handedToBrands = 0; // events of the conversations in the brand calls under way
        await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
        {
            rejects.Add(chunk.Rejects, chunk.RejectTotals);
            var computed = await ComputeAsync(chunk);
            accepted += chunk.EventCount;
            duplicates += computed.Duplicates;
            conflicting += computed.ConflictingDuplicates;
            await applying;
            applied?.Invoke(handedToBrands);
            handedToBrands = accepted - heldBack.Sum(h => h.Events);
            applying = ApplyAsync(computed);
        }
        await reading;
        // The end of the input: every conversation still held back is imported.
        var rest = await ComputeAsync(null);
        duplicates += rest.Duplicates;
        conflicting += rest.ConflictingDuplicates;
        await applying;
        await ApplyAsync(rest);
        applied?.Invoke(accepted);

        var receipt = rejects.Receipt(accepted, duplicates);
        var ledger = grains.GetGrain<IIngestLedgerGrain>(0);
        await ledger.RecordIngestAsync(receipt);
        await ledger.RecordAppliedAsync(accepted, duplicates, conflicting);
        return receipt;
    }

    // Embedded mode's storage is read and written by key bytes; any other through grain ids.
    private static IConversationStates StatesOf(IGrainFactory grains, IGrainStorage storage)
    {
        var type = grains.GetGrain<IConversationGrain>("/").GetGrainId().Type;
        return storage is LocalGrainStorage local ? local.StatesOf(type) : new GrainStorageStates(storage, type);
    }

    private static async Task ReadAheadAsync(IAsyncEnumerable<ParsedChunk> source, ChannelWriter<ParsedChunk> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in source.WithCancellation(cancellationToken)) await writer.WriteAsync(chunk, cancellationToken);
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }

    // A null chunk ends the input: what is held back is imported.
    private async Task<Computed> ComputeAsync(ParsedChunk? chunk)
    {
        if (chunk is not null && heldBack.Length == 0)
        {
            var window = HoldWindow.Ticks / TimeSpan.TicksPerMicrosecond;
            heldBack = [.. Enumerable.Range(0, chunk.Shares).Select(_ => new HeldBack { Window = window, MaxEvents = MaxHeldEvents / chunk.Shares })];
        }
        var taken = await Task.WhenAll(heldBack.Select((held, share) => Task.Run(() => held.Take(chunk is null ? [] : chunk.Share(share), final: chunk is null))));
        // Every share is copied out of the chunk's columns: the next chunk's parse may fill them.
        chunk?.Release();
        var results = await Task.WhenAll(taken.Select(groups => Task.Run(() => ImportAsync(groups))));
        var merged = new Computed(spareRecords);
        foreach (var r in results) merged.Add(r);
        return merged;
    }

    private async Task<Computed> ImportAsync(ConversationGroups groups)
    {
        var computed = new Computed(spareRecords);
        var batch = new List<ConversationEvent>();
        var source = groups.Source;
        // The keys of this group and the next PrefetchDistance ones, each made once, when its
        // lookup is started.
        var keyBuffers = new byte[PrefetchDistance + 1][];
        var keys = new ReadOnlyMemory<byte>[PrefetchDistance + 1];
        for (var k = 0; k < keyBuffers.Length; k++) keyBuffers[k] = new byte[256];
        for (var g = 0; g < Math.Min(2 * PrefetchDistance, groups.Count); g++) PrefetchRows(g, bytes: false);
        for (var g = 0; g < Math.Min(PrefetchDistance, groups.Count); g++) Start(g);
        var facts = new EventFacts[FreshMaxEvents];
        for (var group = 0; group < groups.Count; group++)
        {
            var first = groups.RowsOf(group)[0];
            var (brand, audienceShard) = (source.BrandOf(first), source.AudienceShardOf(first));
            if (group + (2 * PrefetchDistance) < groups.Count) PrefetchRows(group + (2 * PrefetchDistance), bytes: false);
            if (group + PrefetchDistance < groups.Count) Start(group + PrefetchDistance);
            var grainKey = keys[group % keys.Length];

            // A conversation new to the import is stored in the same lookup that finds it new.
            if (audienceShard < 0 && TryFresh(source, groups.RowsOf(group), grainKey, facts, out var added, out var fresh) && await added)
            {
                computed.Duplicates += fresh.Duplicates;
                computed.ConflictingDuplicates += fresh.ConflictingDuplicates;
                computed.Add(brand, source.ConversationOf(first), 1, facts.AsSpan(0, fresh.Added));
                continue;
            }
            var stored = await states.ReadAsync(grainKey);
            batch.Clear();
            foreach (var row in groups.RowsOf(group)) batch.Add(source.EventOf(row));
            var events = new EventSet(stored?.Events ?? new List<ConversationEvent>(batch.Count));
            var counts = AddCounts.AddAll(events, batch);
            computed.Duplicates += counts.Duplicates;
            computed.ConflictingDuplicates += counts.ConflictingDuplicates;
            if (!counts.Changed) continue;
            var version = (stored?.Version ?? 0) + 1;
            await WriteAsync(grainKey, version, events.Ordered);
            var shape = ConversationShape.Of(events.Ordered);
            if (audienceShard >= 0) computed.Add(brand, shape.ToContribution("", audienceShard, version));
            else computed.Add(brand, source.ConversationOf(first), version, shape);
        }
        return computed;

        // A group's rows are loaded in two steps ahead of it: each row, then (the row read) its bytes.
        void PrefetchRows(int group, bool bytes)
        {
            foreach (var row in groups.RowsOf(group))
            {
                if (bytes) source.PrefetchBytes(row);
                else source.PrefetchRow(row);
            }
        }

        void Start(int group)
        {
            PrefetchRows(group, bytes: true);
            var k = group % keys.Length;
            keys[k] = GrainKeyOf(source, groups.RowsOf(group)[0], ref keyBuffers[k]);
            states.Prefetch(keys[k].Span);
        }
    }

    // Groups ahead whose stored state's lookup is started (IConversationStates.Prefetch): a
    // group's work is about a microsecond, a cache miss a tenth of that.
    private const int PrefetchDistance = 4;

    // Most conversations of a history are new to the import and short: computed from their rows
    // without an event object or id string each. EventSet's rules, in the order AddAll takes the
    // events (the rows'): the first copy of an id is held; a later one with the same event is a
    // duplicate, one with another a conflicting duplicate that replaces the held copy when
    // EventSet.Replaces says so. Then the events in EventOrder (time, then id: for ASCII ids the
    // bytes compare as the strings do) are packed and folded into the shape. Other ids, or more
    // events, take the general way; HistoryImportTests compare both ways with the grain path.
    private const int FreshMaxEvents = 32;

    private bool TryFresh(EventColumns source, ReadOnlySpan<int> rows, ReadOnlyMemory<byte> grainKey, EventFacts[] facts, out ValueTask<bool> added, out AddCounts counts)
    {
        (added, counts) = (default, default);
        if (rows.Length > FreshMaxEvents) return false;
        Span<int> held = stackalloc int[rows.Length];
        int count = 0, duplicates = 0, conflicting = 0;
        foreach (var row in rows)
        {
            var id = source.IdOf(row);
            if (!System.Text.Ascii.IsValid(id)) return false;
            var at = 0;
            while (at < count && !source.IdOf(held[at]).SequenceEqual(id)) at++;
            if (at == count)
            {
                held[count++] = row;
                continue;
            }
            duplicates++;
            if (EventSet.SamePayload(source.FactsOf(held[at]), source.DigestOf(held[at]), source.FactsOf(row), source.DigestOf(row))) continue;
            conflicting++;
            if (EventSet.Replaces(source.DigestOf(row), source.DigestOf(held[at]))) held[at] = row;
        }
        held = held[..count];
        // Insertion sort into EventOrder: a handful of events.
        for (var i = 1; i < held.Length; i++)
        {
            var row = held[i];
            var j = i - 1;
            for (; j >= 0 && Before(source, row, held[j]); j--) held[j + 1] = held[j];
            held[j + 1] = row;
        }

        var w = new PackWriter(16 + (count * 28));
        try
        {
            var packer = new PackedEvents.AsciiWriter(count, ref w);
            for (var i = 0; i < held.Length; i++)
            {
                var e = facts[i] = source.FactsOf(held[i]);
                packer.Add(ref w, source.IdOf(held[i]), i == 0 ? default : source.IdOf(held[i - 1]), e, source.DigestOf(held[i]), source.ExtrasOf(held[i]));
            }
            added = states.TryAddAsync(grainKey, 1, w.WrittenMemory);
        }
        finally
        {
            w.Dispose();
        }
        counts = new AddCounts(count, duplicates, conflicting, Changed: true);
        return true;
    }

    private static bool Before(EventColumns source, int a, int b)
    {
        var (ta, tb) = (source.TimestampOf(a), source.TimestampOf(b));
        return ta != tb ? ta < tb : source.IdOf(a).SequenceCompareTo(source.IdOf(b)) < 0;
    }

    // The conversation grain's key as UTF-8, in the worker's buffer (grown when a key does not fit).
    private static ReadOnlyMemory<byte> GrainKeyOf(EventColumns source, int row, ref byte[] buffer)
    {
        var brand = source.BrandOf(row);
        var conversationId = source.ConversationOf(row);
        var most = GrainKeys.MaxUtf8Length(brand, conversationId.Length);
        if (most > buffer.Length) buffer = new byte[most * 2];
        return buffer.AsMemory(0, GrainKeys.Utf8(brand, conversationId, source.AudienceShardOf(row), buffer));
    }

    // The grain's own stored form, packed in a pooled buffer: the storage reads it before it returns.
    private ValueTask WriteAsync(ReadOnlyMemory<byte> grainKey, long version, List<ConversationEvent> ordered)
    {
        var w = new PackWriter(16 + (ordered.Count * 28));
        try
        {
            PackedEvents.Write(ref w, ordered);
            return states.WriteAsync(grainKey, version, w.WrittenMemory);
        }
        finally
        {
            w.Dispose();
        }
    }

    /// <summary>
    /// Hands brands the contributions of conversations whose states are already stored (a snapshot
    /// just loaded), computed as the import computes them, in batches per brand.
    /// </summary>
    /// <param name="conversations">Each conversation's grain key and stored state.</param>
    public async Task RestoreBrandsAsync(IEnumerable<(string GrainKey, ConversationState State)> conversations)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        var batch = new Computed(spareRecords);
        var count = 0;
        foreach (var (grainKey, state) in conversations)
        {
            var (brand, contribution) = state.ContributionOf(grainKey);
            batch.Add(brand, contribution);
            if (++count % 200_000 != 0) continue;
            await ApplyAsync(batch);
            batch = new Computed(spareRecords);
        }
        await ApplyAsync(batch);
    }

    private async Task ApplyAsync(Computed computed)
    {
        var brands = computed.Messages.Keys.Union(computed.Audience.Keys).ToArray();
        var fresh = brands.Where(b => !registeredBrands.Contains(b)).ToArray();
        if (fresh.Length > 0)
        {
            await grains.GetGrain<IBrandDirectoryGrain>(0).RegisterAsync(fresh);
            registeredBrands.UnionWith(fresh);
        }
        await Task.WhenAll(
            computed.Messages.Select(b => grains.GetGrain<IBrandGrain>(b.Key).ApplyPackedAsync(b.Value.ToBatch()))
                .Concat(computed.Audience.Select(b => grains.GetGrain<IBrandGrain>(b.Key).ApplyAsync([.. b.Value]))));
        foreach (var records in computed.Messages.Values) computed.Recycle(records);
    }

    /// <summary>
    /// Contributions per brand and counts of one chunk (or of one worker's share of it): message
    /// conversations' packed as they are computed (<see cref="ContributionRecords"/>), audience
    /// shards' (a few per brand) as objects.
    /// </summary>
    private sealed class Computed(ConcurrentBag<ContributionRecords> spare)
    {
        public Dictionary<string, ContributionRecords> Messages { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, List<Contribution>> Audience { get; } = new(StringComparer.Ordinal);

        public long Duplicates { get; set; }

        public long ConflictingDuplicates { get; set; }

        public void Add(string brand, Contribution contribution)
        {
            if (contribution.AudienceShard >= 0)
            {
                if (!Audience.TryGetValue(brand, out var shards)) Audience[brand] = shards = [];
                shards.Add(contribution);
                return;
            }
            RecordsOf(brand).Add(contribution);
        }

        /// <summary>Adds the contribution of a message conversation given by its id's UTF-8, shape and version.</summary>
        public void Add(string brand, ReadOnlySpan<byte> conversationIdUtf8, long version, ConversationShape shape) =>
            RecordsOf(brand).Add(conversationIdUtf8, version, shape);

        /// <summary>Adds the contribution of a message conversation given by its id's UTF-8, version and its events' facts in order.</summary>
        public void Add(string brand, ReadOnlySpan<byte> conversationIdUtf8, long version, ReadOnlySpan<EventFacts> ordered) =>
            RecordsOf(brand).Add(conversationIdUtf8, version, ordered);

        private ContributionRecords RecordsOf(string brand)
        {
            if (!Messages.TryGetValue(brand, out var records)) Messages[brand] = records = spare.TryTake(out var reused) ? reused : new ContributionRecords();
            return records;
        }

        /// <summary>Hands a record buffer back for reuse.</summary>
        public void Recycle(ContributionRecords records)
        {
            records.Clear();
            spare.Add(records);
        }

        public void Add(Computed other)
        {
            foreach (var (brand, records) in other.Messages)
            {
                if (Messages.TryGetValue(brand, out var mine))
                {
                    mine.Add(records);
                    Recycle(records);
                }
                else
                {
                    Messages[brand] = records;
                }
            }
            foreach (var (brand, shards) in other.Audience)
            {
                if (Audience.TryGetValue(brand, out var mine)) mine.AddRange(shards);
                else Audience[brand] = shards;
            }
            Duplicates += other.Duplicates;
            ConflictingDuplicates += other.ConflictingDuplicates;
        }
    }
}
