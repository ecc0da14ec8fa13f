using Analytics.Domain;
using Analytics.Domain.Packing;
using Analytics.Models;

namespace Analytics.Grains;

/// <summary>
/// A router batch's contributions gathered per brand, for one brand call each: message
/// conversations' as the packed records a brand holds (<see cref="ContributionRecords"/>, the
/// conversation grain's bytes as they came when its silo numbers channels as this one does),
/// audience shards' (a few per brand) as objects. The buffers are reused batch after batch. In
/// cluster mode the silo's <see cref="Storage.IngestCommit"/> sends those of the batches that
/// finish together, once their conversations' states are stored.
/// </summary>
internal sealed class BrandUpdates
{
    private Dictionary<string, ContributionRecords> messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Contribution>> audience = new(StringComparer.Ordinal);

    /// <summary>Adds the contribution a conversation answered with, if any.</summary>
    public void Add(ConversationKey conversation, AddResult result)
    {
        if (result.Update is not { } packed) return;
        var alike = ChannelTable.Shared.NumbersAlike(result.Channels);
        if (conversation.AudienceShard < 0 && alike)
        {
            RecordsOf(conversation.Brand).Add(HeldConversations.Utf8(conversation.ConversationId, stackalloc byte[HeldConversations.MaxStackKey]), packed);
            return;
        }
        // An audience shard, or a conversation on a silo that numbers channels otherwise.
        Add(conversation.Brand, PackedContribution.Unpack(conversation.ConversationId, packed, alike ? ChannelTable.Shared : ChannelTable.Of(result.Channels), conversation.AudienceShard));
    }

    /// <summary>Adds a contribution of <paramref name="brand"/> given as an object (an audience shard's, or one computed here).</summary>
    public void Add(string brand, Contribution contribution)
    {
        if (contribution.AudienceShard >= 0) ShardsOf(brand).Add(contribution);
        else RecordsOf(brand).Add(contribution);
    }

    /// <summary>Hands each brand what was gathered for it, and empties the buffers once every brand took its share.</summary>
    public async Task SendAsync(IGrainFactory grains)
    {
        var calls = new List<Task>();
        foreach (var (brand, records) in messages)
        {
            if (records.Count > 0) calls.Add(grains.GetGrain<IBrandGrain>(brand).ApplyPackedAsync(records.ToBatch()));
        }
        foreach (var (brand, shards) in audience)
        {
            if (shards.Count > 0) calls.Add(grains.GetGrain<IBrandGrain>(brand).ApplyAsync([.. shards]));
        }
        try
        {
            await Task.WhenAll(calls);
        }
        catch
        {
            // A call that failed (a timeout) may still be running at its brand and reading its
            // buffer: these buffers are dropped, not reused.
            messages = new(StringComparer.Ordinal);
            Clear();
            throw;
        }
        Clear();
    }

    /// <summary>Forgets everything gathered, keeping the buffers.</summary>
    public void Clear()
    {
        foreach (var records in messages.Values) records.Clear();
        foreach (var shards in audience.Values) shards.Clear();
    }

    /// <summary>Moves everything gathered here to <paramref name="other"/>, and empties the buffers.</summary>
    public void MoveTo(BrandUpdates other)
    {
        foreach (var (brand, records) in messages)
        {
            if (records.Count == 0) continue;
            other.RecordsOf(brand).Add(records);
            records.Clear();
        }
        foreach (var (brand, shards) in audience)
        {
            if (shards.Count == 0) continue;
            other.ShardsOf(brand).AddRange(shards);
            shards.Clear();
        }
    }

    private ContributionRecords RecordsOf(string brand)
    {
        if (!messages.TryGetValue(brand, out var records)) messages[brand] = records = new ContributionRecords();
        return records;
    }

    private List<Contribution> ShardsOf(string brand)
    {
        if (!audience.TryGetValue(brand, out var shards)) audience[brand] = shards = [];
        return shards;
    }
}
