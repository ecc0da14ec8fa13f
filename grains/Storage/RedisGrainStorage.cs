using System.Buffers;
using System.Globalization;
using System.Text;
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
/// ETag and sets what matched. A router's batch therefore costs a few round trips to Redis (each
/// an fsync with <c>appendfsync always</c>) rather than two per conversation, as Orleans' Redis
/// storage does; every grain still awaits its own write before it answers, so accepted still
/// means stored. A write whose ETag is stale (a second activation of the grain during a
/// membership change, or a write whose answer was lost) fails with
/// <see cref="InconsistentStateException"/>, and Orleans deactivates the grain, which then reads
/// the stored state afresh.
/// </summary>
public sealed class RedisGrainStorage : IGrainStorage
{
    private const int ETagDigits = 19;

    private static readonly GrainType ConversationType = GrainType.Create(Names.ConversationGrainType);

    // Per key i: ARGV[4i-3] the expected ETag ('' when no record is expected), ARGV[4i-2] the new
    // value ('' to delete), ARGV[4i-1] a set that a new record joins as ARGV[4i] ('' for none).
    // Answers the 1-based indexes whose ETag did not match.
    private const string SetWhereETagMatches = """
        local stale = {}
        for i = 1, #KEYS do
          local expected, value, index = ARGV[4 * i - 3], ARGV[4 * i - 2], ARGV[4 * i - 1]
          if redis.call('GETRANGE', KEYS[i], 0, 18) == expected then
            if value == '' then redis.call('DEL', KEYS[i]) else redis.call('SET', KEYS[i], value) end
            if expected == '' and index ~= '' then redis.call('SADD', index, ARGV[4 * i]) end
          else
            stale[#stale + 1] = i
          end
        end
        return stale
        """;

    private readonly RedisConnection redis;
    private readonly Serializer serializer;
    private readonly string keyPrefix;
    private readonly GroupCommit<RedisKey, RedisValue> reads;
    private readonly GroupCommit<Write, bool> writes;

    public RedisGrainStorage(RedisConnection redis, Serializer serializer, string keyPrefix)
    {
        this.redis = redis;
        this.serializer = serializer;
        this.keyPrefix = keyPrefix;
        reads = new(redis.GetAllAsync);
        writes = new(WriteAllAsync);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await reads.SubmitAsync(Key(stateName, grainId));
        if (stored.IsNull)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }
        var bytes = (ReadOnlyMemory<byte>)stored;
        grainState.ETag = Encoding.ASCII.GetString(bytes.Span[..ETagDigits]);
        grainState.State = LocalGrainStorage.DecodeState<T>(serializer, bytes.Span[ETagDigits..]);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var etag = NextETag(grainState.ETag);
        var value = new ArrayBufferWriter<byte>(256);
        Encoding.ASCII.GetBytes(etag, value);
        string index = "", member = "";
        if (grainState.State is ConversationState conversation)
        {
            // The record LocalGrainStorage keeps, a version and the packed events: the general
            // serializer's session and headers cost more than the state itself.
            LocalGrainStorage.EncodeConversation(conversation, value);
            // A conversation's first state joins its brand's index, from which the brand is rebuilt.
            if (grainState.ETag is null)
            {
                member = grainId.Key.ToString()!;
                index = IndexOf(GrainKeys.Parse(member).Brand);
            }
        }
        else
        {
            serializer.Serialize(grainState.State, value);
        }
        await StoreAsync(new Write(Key(stateName, grainId), grainState.ETag ?? "", value.WrittenMemory, index, member), grainId);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await StoreAsync(new Write(Key(stateName, grainId), grainState.ETag ?? "", ReadOnlyMemory<byte>.Empty, "", ""), grainId);
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

    private static string NextETag(string? etag) =>
        ((etag is null ? 0 : long.Parse(etag, CultureInfo.InvariantCulture)) + 1).ToString("D19", CultureInfo.InvariantCulture);

    private RedisKey Key(string stateName, GrainId grainId) => $"{keyPrefix}:state:{stateName}:{grainId}";

    private string IndexOf(string brand) => $"{keyPrefix}:conversations-of:{brand}";

    private sealed record Write(RedisKey Key, string ExpectedETag, ReadOnlyMemory<byte> Value, string Index, string Member);
}
