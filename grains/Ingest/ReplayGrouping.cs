using System.Runtime.CompilerServices;
using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// Reorders a replay so that each conversation's events travel together. Input files are in time
/// order, so a conversation's 3-4 messages lie hours apart and would reach its grain in as many
/// batches, each a grain call (and, after a quiet spell, an activation). The metrics do not
/// depend on arrival order (METRICS-SPEC section 1), so a replay may regroup freely: events are
/// gathered into chunks of a bounded size and handed on sorted by conversation, which lets the
/// router make about one call per conversation per chunk. Rejected lines pass straight through.
/// </summary>
public static class ReplayGrouping
{
    /// <summary>Events per chunk by default: about 150 MB of events held, hours of twcs-like traffic.</summary>
    public const int DefaultChunkEvents = 1_000_000;

    /// <summary>
    /// The same lines, events reordered within chunks of <paramref name="chunkEvents"/> so that
    /// events of one conversation grain are adjacent; 0 or 1 leaves the order alone.
    /// </summary>
    public static async IAsyncEnumerable<ParsedLine> GroupAsync(
        IAsyncEnumerable<ParsedLine> lines, int chunkEvents, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfNegative(chunkEvents);
        if (chunkEvents <= 1)
        {
            await foreach (var line in lines.WithCancellation(cancellationToken)) yield return line;
            yield break;
        }

        var keys = new ulong[chunkEvents];
        var chunk = new ParsedLine[chunkEvents];
        var count = 0;
        await foreach (var line in lines.WithCancellation(cancellationToken))
        {
            if (line.Event is not { } e)
            {
                yield return line;
                continue;
            }
            keys[count] = GrainKey(e);
            chunk[count++] = line;
            if (count < chunkEvents) continue;
            foreach (var grouped in Sorted(keys, chunk, count)) yield return grouped;
            count = 0;
        }
        foreach (var grouped in Sorted(keys, chunk, count)) yield return grouped;
    }

    /// <summary>
    /// A 64-bit sort key of the event's conversation grain (<see cref="GrainKeys"/>): brand in the
    /// high half, so that a batch reaches few brands, each with many contributions in one call;
    /// conversation in the low half. Two grains may share a key; they are then merely adjacent,
    /// which the router's exact grouping sorts out.
    /// </summary>
    public static ulong GrainKey(CareEvent e) =>
        GrainKey(GrainKeys.StableHash(e.Brand), e.Kind == EventKind.Message ? GrainKeys.StableHash(e.ConversationId) : (ulong)GrainKeys.AudienceShard(e.Id));

    /// <summary>
    /// The same key from a grain's parts (<see cref="GrainKeys.Parse"/>): the <see cref="GrainKeys.StableHash(string)"/>
    /// of its brand, and of its conversation id or else its audience shard.
    /// </summary>
    public static ulong GrainKey(ulong brandHash, ulong within) => (brandHash << 32) | (uint)within;

    private static IEnumerable<ParsedLine> Sorted(ulong[] keys, ParsedLine[] chunk, int count)
    {
        Array.Sort(keys, chunk, 0, count);
        for (var i = 0; i < count; i++)
        {
            yield return chunk[i];
            chunk[i] = default; // the chunk's events can be collected once handed on
        }
    }
}
