using System.Buffers;
using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Text;
using Analytics.Domain;
using Analytics.Domain.Packing;
using Analytics.Grains;
using Analytics.Hosting;
using Orleans.Serialization;
using Orleans.Storage;
using StackExchange.Redis;

namespace Analytics.Storage;

/// <summary>
/// Grain state in Redis for cluster mode: one string per grain, the ETag as 19 decimal digits
/// followed by the Orleans-binary state. Reads and writes go through <see cref="GroupCommit{TRequest,TResult}"/>:
/// the reads of grains activating together are one MGET, their writes one script that checks each
/// ETag and sets what matched. A write whose ETag is stale (a second activation of the grain during
/// a membership change, or a write whose answer was lost) fails with
/// <see cref="InconsistentStateException"/>, and Orleans deactivates the grain, which then reads
/// the stored state afresh.
/// <para>Conversations, the most written, are written behind (<see cref="Stage"/>): a conversation
/// grain stages its new state here and <see cref="IngestCommit"/> writes everything staged at once,
/// in the commit its router's batch awaits before it completes, so accepted still means stored;
/// reads see a staged state before Redis does. A stale staged write is merged, not refused
/// (<see cref="FlushStagedAsync"/>).</para>
/// <para>Checking every staged write's ETag in a script was half of Redis' work per event (the
/// script's arguments and a GETRANGE per key). A partition's conversations are written only by the
/// silo of its router, so a commit checks once per partition instead: a router's activation
/// claims its partition (<see cref="ClaimAsync"/>, the partition's epoch raised), and the states of
/// conversations that activated since are written unchecked, in a transaction that holds only if
/// every partition's epoch is still this silo's claim. Every other write of a partition's
/// conversation (a silo whose claim was overtaken, or a conversation activated before the claim)
/// goes through the checked script, and a silo that does not hold the partition's claim raises its
/// epoch first: the owner's next fenced write then fails and is checked too.</para>
/// </summary>
public sealed class RedisGrainStorage : IGrainStorage
{
    private const int ETagDigits = 19;

    private static readonly GrainType ConversationType = GrainType.Create(Names.ConversationGrainType);

    // Per key i: ARGV[4i-3] the expected ETag ('' when no record is expected), ARGV[4i-2] the new
    // value ('' to delete), ARGV[4i-1] a set that a new record joins as ARGV[4i] ('' for none).
    // Answers the 1-based indexes whose ETag did not match. A group holds a key at most once (a
    // grain awaits its write before the next; a commit stages one state per conversation), so the
    // checks come first and the writes go together: one MSET and one SADD per set, not a call each.
    private const string SetWhereETagMatches = """
        local stale, sets, joins = {}, {}, {}
        for i = 1, #KEYS do
          local expected, value, index = ARGV[4 * i - 3], ARGV[4 * i - 2], ARGV[4 * i - 1]
          if redis.call('GETRANGE', KEYS[i], 0, 18) == expected then
            if value == '' then redis.call('DEL', KEYS[i]) else sets[#sets + 1] = KEYS[i]; sets[#sets + 1] = value end
            if expected == '' and index ~= '' then
              local members = joins[index]
              if not members then members = {}; joins[index] = members end
              members[#members + 1] = ARGV[4 * i]
            end
          else
            stale[#stale + 1] = i
          end
        end
        if #sets > 0 then redis.call('MSET', unpack(sets)) end
        for index, members in pairs(joins) do redis.call('SADD', index, unpack(members)) end
        return stale
        """;

    private readonly RedisConnection redis;
    private readonly Serializer serializer;
    private readonly string keyPrefix;
    private readonly GroupCommit<RedisKey, RedisValue> reads;
    private readonly GroupCommit<Write, bool> writes;
    private readonly int partitions;
    // The claims of this silo's routers: partition -> the epoch their activation set.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> claims = new();
    // Conversation states staged since the last commit, and those the commit under way is
    // writing, by key: what a grain that activates meanwhile must read instead of Redis.
    private readonly Lock gate = new();
    private Dictionary<GrainId, Staged> staged = [];
    private Dictionary<GrainId, Staged> flushing = [];

    // Conversations' states read ahead by their router (PrefetchAsync), taken by the activation's read.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<GrainId, RedisValue> prefetched = new();

    // A conversation's key is this prefix, "{keyPrefix}:state:conversation:conversation/", and its
    // grain key's own UTF-8 bytes (Key): a write then makes no string for the key, its brand's
    // index or its member, which all lived until the commit answered.
    private readonly byte[] conversationKeyPrefix;
    // Per escaped brand (a conversation key's text before its '/'), what the writes and fences of
    // its conversations need: worked out once per brand instead of once per write.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, BrandKeys> brands = new(StringComparer.Ordinal);

    /// <param name="redis">The connection.</param>
    /// <param name="serializer">Orleans' serializer, for every state but conversations'.</param>
    /// <param name="keyPrefix">Prefix of every key.</param>
    /// <param name="partitions">The ingest stream's partitions (<see cref="AnalyticsOptions.PartitionCount"/>), the same on every silo.</param>
    public RedisGrainStorage(RedisConnection redis, Serializer serializer, string keyPrefix, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        this.redis = redis;
        this.serializer = serializer;
        this.keyPrefix = keyPrefix;
        this.partitions = partitions;
        conversationKeyPrefix = Encoding.UTF8.GetBytes($"{keyPrefix}:state:{Names.ConversationState}:{ConversationType}/");
        reads = new(redis.GetAllAsync);
        writes = new(WriteAllAsync);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var stored = StagedValue(grainId) ?? (prefetched.TryRemove(grainId, out var read) ? read : await reads.SubmitAsync(key));
        if (stored.IsNull)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        var bytes = (ReadOnlyMemory<byte>)stored;
        grainState.ETag = StoredETag(bytes.Span);
        grainState.State = LocalGrainStorage.DecodeState<T>(serializer, bytes.Span[ETagDigits..]);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = NextETag(grainState.ETag);
        var value = new ArrayBufferWriter<byte>(256);
        Encoding.ASCII.GetBytes(etag, value);
        var (index, member) = ("", RedisValue.EmptyString);
        if (grainState.State is ConversationState conversation)
        {
            (index, member) = EncodeConversation(grainId, conversation, grainState.ETag, value);
        }
        else
        {
            serializer.Serialize(grainState.State, value);
        }
        await StoreAsync(new Write(Key(stateName, grainId), grainState.ETag ?? "", value.WrittenMemory, index, member), grainId);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <summary>
    /// Stages a conversation's new state, to be written by the next commit
    /// (<see cref="FlushStagedAsync"/>); a state staged again before then replaces the first and is
    /// written once, still checked against the ETag the grain read. <paramref name="stale"/> is set
    /// if the write finds another activation's state stored: the two are merged, and the grain
    /// should read the merged state afresh.
    /// </summary>
    /// <param name="grainId">The conversation.</param>
    /// <param name="grainState">Its new state, and the ETag it read.</param>
    /// <param name="stale">Set when the state is merged with another activation's.</param>
    /// <param name="fence">The activation's <see cref="FenceOf"/>, taken before it read its state; with token 0 the write is checked.</param>
    public void Stage(GrainId grainId, IGrainState<ConversationState> grainState, StaleFlag stale, Fence fence)
    {
        var conversation = grainState.State ?? throw new ArgumentException("No state to stage", nameof(grainState));
        var etag = NextETag(grainState.ETag);
        var value = new ArrayBufferWriter<byte>(64 + conversation.Events.Length);
        Encoding.ASCII.GetBytes(etag, value);
        var (index, member) = EncodeConversation(grainId, conversation, grainState.ETag, value);
        var entry = new Staged(new Write(Key(Names.ConversationState, grainId), grainState.ETag ?? "", value.WrittenMemory, index, member), grainId, stale, fence);
        lock (gate)
        {
            // A state staged twice between commits keeps the first one's expected ETag (and its
            // joining the brand's index): that is what Redis holds.
            staged[grainId] = staged.TryGetValue(grainId, out var earlier) ? entry.After(earlier) : entry;
        }
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    /// <summary>
    /// Claims <paramref name="partition"/> for this silo's router, which is activating: raises the
    /// partition's epoch, so that a silo that claimed it before writes its conversations checked.
    /// </summary>
    public async Task ClaimAsync(int partition)
    {
        var db = await redis.DatabaseAsync();
        claims[partition] = await db.StringIncrementAsync(EpochKey(partition));
    }

    /// <summary>A conversation's partition and this silo's claim of it now (0: none); an activation takes it before it reads its state.</summary>
    public Fence FenceOf(GrainId conversation)
    {
        var (brand, within) = PartsOf(conversation);
        var partition = Ingest.EventPublisher.PartitionOf(Ingest.ReplayGrouping.GrainKey(brand.Hash, within), partitions);
        return new Fence(partition, claims.GetValueOrDefault(partition));
    }

    // What the storage needs of a conversation's grain key, read from its UTF-8 bytes: its brand's
    // keys, and the hash of its conversation id, or its audience shard (ReplayGrouping.GrainKey).
    private (BrandKeys Brand, ulong Within) PartsOf(GrainId conversation)
    {
        var utf8 = conversation.Key.AsSpan();
        // A UTF-8 key has at most as many characters as bytes.
        var buffer = utf8.Length <= 256 ? stackalloc char[utf8.Length] : new char[utf8.Length];
        var key = buffer[..Encoding.UTF8.GetChars(utf8, buffer)];
        var (escapedBrand, tail, audience) = GrainKeys.Split(key);
        if (!brands.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(key[escapedBrand], out var brand))
        {
            var name = Uri.UnescapeDataString(key[escapedBrand].ToString());
            brand = brands.GetOrAdd(key[escapedBrand].ToString(), new BrandKeys(IndexOf(name), GrainKeys.StableHash(name)));
        }
        var within = audience ? (ulong)int.Parse(key[tail], CultureInfo.InvariantCulture) : GrainKeys.StableHash(key[tail]);
        return (brand, within);
    }

    /// <summary>
    /// Writes every staged conversation state: those staged under a claim unchecked, in
    /// transactions that hold while the claims do; the others, and those whose claim was overtaken,
    /// in a script per group of keys, each write checked against its ETag. A write that finds
    /// another activation's state (a silo that took over a partition while the old one still held
    /// it) merges the two: the union of their events, by the conversation's own rules, at a
    /// version above both. Answers the merged states, whose contributions the brands must take. A
    /// failed round trip leaves its states staged for the next commit.
    /// </summary>
    public async Task<List<(string GrainKey, ConversationState State)>> FlushStagedAsync()
    {
        Staged[] taken;
        lock (gate)
        {
            if (staged.Count == 0) return [];
            (flushing, staged) = (staged, flushing);
            taken = [.. flushing.Values];
        }
        var groups = taken.GroupBy(s => s.Fence.Token != 0).SelectMany(g => g.Chunk(FlushGroup).Select(group => (Group: group, Fenced: g.Key))).ToArray();
        var writes = groups.Select(g => WriteStagedAsync(g.Group, g.Fenced)).ToArray();
        Exception? failure = null;
        try
        {
            await Task.WhenAll(writes);
        }
        catch (Exception e)
        {
            failure = e;
        }
        var stale = writes.Where(w => w.IsCompletedSuccessfully).SelectMany(w => w.Result).ToArray();
        try
        {
            if (failure is not null) ExceptionDispatchInfo.Throw(failure);
            if (stale.Length == 0) return [];
            // An activation here may have read a state these merges replace (from this commit, while
            // it ran) under the current claim: its fenced write must be checked too.
            await RaiseEpochsAsync(stale, unlessClaimed: false);
            return await MergeAsync(stale);
        }
        catch
        {
            // What is not stored waits for the next commit, behind anything staged since: the
            // groups whose write failed, and the stale writes (merged then; merging one that was
            // merged already changes only its version).
            lock (gate)
            {
                foreach (var entry in groups.Where((_, g) => !writes[g].IsCompletedSuccessfully).SelectMany(g => g.Group).Concat(stale))
                {
                    staged[entry.Grain] = staged.TryGetValue(entry.Grain, out var later) ? later.After(entry) : entry;
                }
                flushing.Clear();
            }
            throw;
        }
        finally
        {
            lock (gate) flushing.Clear();
        }
    }

    // A commit's writes go in scripts of this many keys: each runs alone in Redis, so a large
    // commit is cut into pieces that other clients' commands can go between.
    private const int FlushGroup = 2048;

    // Answers the writes that found another activation's state.
    private async Task<Staged[]> WriteStagedAsync(Staged[] group, bool fenced)
    {
        if (fenced && await WriteFencedAsync(group)) return [];
        await RaiseEpochsAsync(group, unlessClaimed: true);
        var stored = await WriteAllAsync([.. group.Select(s => s.Write)]);
        return [.. group.Where((_, i) => !stored[i])];
    }

    // One MSET and a SADD per brand index in a transaction that holds only while every partition's
    // epoch is the claim the writes were staged under; false when one was overtaken.
    private async Task<bool> WriteFencedAsync(Staged[] group)
    {
        var transaction = (await redis.DatabaseAsync()).CreateTransaction();
        foreach (var fence in group.Select(s => s.Fence).Distinct())
        {
            transaction.AddCondition(Condition.StringEqual(EpochKey(fence.Partition), fence.Token.ToString(CultureInfo.InvariantCulture)));
        }
        var commands = new List<Task> { transaction.StringSetAsync([.. group.Select(s => new KeyValuePair<RedisKey, RedisValue>(s.Write.Key, s.Write.Value))]) };
        foreach (var joining in group.Where(s => s.Write.ExpectedETag.Length == 0 && s.Write.Index.Length > 0).GroupBy(s => s.Write.Index))
        {
            commands.Add(transaction.SetAddAsync(joining.Key, [.. joining.Select(s => s.Write.Member)]));
        }
        if (!await transaction.ExecuteAsync()) return false;
        await Task.WhenAll(commands);
        return true;
    }

    // Raises the epochs of the partitions of `entries`, so that the fenced writes staged under their
    // claims until now are checked instead. Before a checked write, only where this silo does not
    // hold the claim: the silo that holds it then checks its next writes too, and finds these.
    private Task RaiseEpochsAsync(IEnumerable<Staged> entries, bool unlessClaimed)
    {
        var touched = entries.Select(s => s.Fence.Partition).Distinct().ToArray();
        return redis.EvaluateGroupAsync(RaiseUnlessClaimed, touched, 1, p => EpochKey(p), (p, args, at) => args[at] = unlessClaimed && claims.TryGetValue(p, out var claim) ? claim : "");
    }

    // KEYS[i] a partition's epoch, ARGV[i] the claim that leaves it as it is ('' for none).
    private const string RaiseUnlessClaimed = """
        for i = 1, #KEYS do
          if redis.call('GET', KEYS[i]) ~= ARGV[i] then redis.call('INCR', KEYS[i]) end
        end
        return 0
        """;

    // Each stale write's state is merged with the one stored, until the merged write finds the ETag it read.
    private async Task<List<(string GrainKey, ConversationState State)>> MergeAsync(Staged[] stale)
    {
        var merged = new Dictionary<GrainId, (string GrainKey, ConversationState State)>();
        var pending = stale;
        while (pending.Length > 0)
        {
            var current = await redis.GetAllAsync([.. pending.Select(s => s.Write.Key)]);
            var writes = new Write[pending.Length];
            for (var i = 0; i < pending.Length; i++)
            {
                var entry = pending[i];
                var mine = LocalGrainStorage.DecodeConversation(entry.Write.Value.Span[ETagDigits..]);
                var storedETag = current[i].IsNull ? null : StoredETag(((ReadOnlyMemory<byte>)current[i]).Span);
                var theirs = current[i].IsNull ? new ConversationState() : LocalGrainStorage.DecodeConversation(((ReadOnlyMemory<byte>)current[i]).Span[ETagDigits..]);
                var events = new EventSet(PackedEvents.Unpack(theirs.Events));
                AddCounts.AddAll(events, PackedEvents.Unpack(mine.Events));
                var union = new ConversationState { Events = PackedEvents.Pack(events.Ordered), Version = Math.Max(mine.Version, theirs.Version) + 1 };
                var value = new ArrayBufferWriter<byte>(64 + union.Events.Length);
                Encoding.ASCII.GetBytes(NextETag(storedETag), value);
                LocalGrainStorage.EncodeConversation(union, value);
                writes[i] = entry.Write with { ExpectedETag = storedETag ?? "", Value = value.WrittenMemory, Index = storedETag is null ? entry.Write.Index : "" };
                merged[entry.Grain] = (entry.Grain.Key.ToString()!, union);
                entry.Stale.Set();
            }
            var stored = await WriteAllAsync(writes);
            pending = [.. pending.Where((_, i) => !stored[i])];
        }
        return [.. merged.Values];
    }

    /// <summary>
    /// Reads the stored states of <paramref name="conversations"/>, which are about to activate, in
    /// one MGET, so that each activation's read finds its state at once instead of awaiting Redis
    /// (an await in every activation cost the silo about 5 us of CPU per event). Their router calls
    /// it before a batch, once its previous batch's commit stored everything it had staged, and
    /// only the router writes them, so what Redis holds is their latest state, unless a failed
    /// commit left one staged (which the read prefers). <see cref="ForgetPrefetched"/> drops what no
    /// activation took.
    /// </summary>
    public async Task PrefetchAsync(IReadOnlyList<GrainId> conversations)
    {
        if (conversations.Count == 0) return;
        var keys = new RedisKey[conversations.Count];
        for (var i = 0; i < keys.Length; i++) keys[i] = Key(Names.ConversationState, conversations[i]);
        var values = await redis.GetAllAsync(keys);
        for (var i = 0; i < values.Length; i++) prefetched[conversations[i]] = values[i];
    }

    /// <summary>Drops the states read ahead for <paramref name="conversations"/> that no activation took.</summary>
    public void ForgetPrefetched(IReadOnlyList<GrainId> conversations)
    {
        foreach (var id in conversations) prefetched.TryRemove(id, out _);
    }

    // A staged state (and its ETag) if one is waiting for or in a commit.
    private RedisValue? StagedValue(GrainId grainId)
    {
        if (grainId.Type != ConversationType) return null;
        lock (gate)
        {
            return staged.TryGetValue(grainId, out var s) || flushing.TryGetValue(grainId, out s) ? (RedisValue?)s.Write.Value : null;
        }
    }

    // The record LocalGrainStorage keeps, a version and the packed events: the general serializer's
    // session and headers cost more than the state itself. A conversation's first state joins its
    // brand's index (from which the brand is rebuilt): answers that index and the member to add.
    private (string Index, RedisValue Member) EncodeConversation(GrainId grainId, ConversationState conversation, string? etag, IBufferWriter<byte> value)
    {
        LocalGrainStorage.EncodeConversation(conversation, value);
        if (etag is not null) return ("", RedisValue.EmptyString);
        // The member is the grain key's own bytes, which Redis stores as the same string.
        return (PartsOf(grainId).Brand.Index, IdSpan.UnsafeGetArray(grainId.Key));
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await StoreAsync(new Write(Key(stateName, grainId), grainState.ETag ?? "", ReadOnlyMemory<byte>.Empty, "", RedisValue.EmptyString), grainId);
        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private async Task StoreAsync(Write write, GrainId grainId)
    {
        if (!await writes.SubmitAsync(write))
        {
            throw new InconsistentStateException($"{grainId}: the stored state changed since this activation read it (ETag {write.ExpectedETag})", "", write.ExpectedETag);
        }
    }

    private async Task<bool[]> WriteAllAsync(IReadOnlyList<Write> group)
    {
        var result = await redis.EvaluateGroupAsync(SetWhereETagMatches, group, 4, w => w.Key, (w, args, at) =>
        {
            args[at] = w.ExpectedETag;
            args[at + 1] = w.Value;
            args[at + 2] = w.Index;
            args[at + 3] = w.Member;
        });
        var stale = (int[]?)result ?? [];
        var stored = new bool[group.Count];
        Array.Fill(stored, true);
        foreach (var i in stale) stored[i - 1] = false;
        return stored;
    }

    /// <summary>
    /// The stored states of a brand's conversations (and audience shards), by grain key: what the
    /// brand's ledger is rebuilt from when it activates, read in pages of <paramref name="page"/>.
    /// </summary>
    public async Task<List<(string GrainKey, ConversationState State)>> ConversationsOfAsync(string brand, int page = 1024)
    {
        var db = await redis.DatabaseAsync();
        var grainKeys = (await db.SetMembersAsync(IndexOf(brand))).Select(k => (string)k!).ToArray();
        var states = new List<(string, ConversationState)>(grainKeys.Length);
        for (var at = 0; at < grainKeys.Length; at += page)
        {
            var slice = grainKeys[at..Math.Min(grainKeys.Length, at + page)];
            var values = await db.StringGetAsync([.. slice.Select(k => Key(Names.ConversationState, GrainId.Create(ConversationType, k)))]);
            for (var i = 0; i < slice.Length; i++)
            {
                if (values[i].IsNull) continue;
                states.Add((slice[i], LocalGrainStorage.DecodeConversation(((ReadOnlyMemory<byte>)values[i]).Span[ETagDigits..])));
            }
        }
        return states;
    }

    private static string NextETag(string? etag) => ETagOf((etag is null ? 0 : long.Parse(etag, CultureInfo.InvariantCulture)) + 1);

    // The ETag a stored value starts with.
    private static string StoredETag(ReadOnlySpan<byte> value) => ETagOf(long.Parse(value[..ETagDigits], CultureInfo.InvariantCulture));

    private static string ETagOf(long version) =>
        version < FirstETags.Length ? FirstETags[version] : version.ToString("D19", CultureInfo.InvariantCulture);

    // Most conversations are written a few times: their ETags are these, made once.
    private static readonly string[] FirstETags = [.. Enumerable.Range(0, 64).Select(v => v.ToString("D19", CultureInfo.InvariantCulture))];

    // A conversation's key is its grain key's bytes behind a prefix Redis sends first; every other
    // state's is a string. Both spell "{keyPrefix}:state:{stateName}:{grainId}".
    private RedisKey Key(string stateName, GrainId grainId) =>
        stateName == Names.ConversationState && grainId.Type == ConversationType
            ? ((RedisKey)IdSpan.UnsafeGetArray(grainId.Key)).Prepend(conversationKeyPrefix)
            : $"{keyPrefix}:state:{stateName}:{grainId}";

    private string IndexOf(string brand) => $"{keyPrefix}:conversations-of:{brand}";

    private string EpochKey(int partition) => $"{keyPrefix}:partition-epoch:{partition}";

    private sealed record Write(RedisKey Key, string ExpectedETag, ReadOnlyMemory<byte> Value, string Index, RedisValue Member);

    /// <summary>A brand's index of conversations (<see cref="IndexOf"/>) and the <see cref="GrainKeys.StableHash(string)"/> of its name.</summary>
    private sealed record BrandKeys(string Index, ulong Hash);

    /// <summary>A conversation's write waiting for a commit, with the grain that staged it.</summary>
    private sealed record Staged(Write Write, GrainId Grain, StaleFlag Stale, Fence Fence)
    {
        /// <summary>
        /// This state, staged after <paramref name="earlier"/> of the same key: written in its place,
        /// over what Redis holds. Fenced only if both were staged under one claim: a later
        /// activation read the earlier one's state, which may predate its claim.
        /// </summary>
        public Staged After(Staged earlier) =>
            this with
            {
                Write = Write with { ExpectedETag = earlier.Write.ExpectedETag, Index = earlier.Write.Index, Member = earlier.Write.Member },
                Fence = Fence == earlier.Fence ? Fence : Fence with { Token = 0 },
            };
    }
}

/// <summary>A conversation's partition and the claim of it (<see cref="RedisGrainStorage.ClaimAsync"/>) its activation saw; token 0: none.</summary>
public readonly record struct Fence(int Partition, long Token);
