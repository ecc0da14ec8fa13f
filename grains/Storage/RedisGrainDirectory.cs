using System.Globalization;
using Orleans.GrainDirectory;
using StackExchange.Redis;

namespace Analytics.Storage;

/// <summary>
/// Where each conversation is active, in Redis, for cluster mode. Orleans' own directory spreads
/// its entries over the silos by the grain id's hash, so with N silos a conversation's
/// registration, and the lookup before it, go to another silo N-1 times in N: with three silos,
/// some two silo-to-silo requests per conversation, more than the conversation's own call. Here
/// the registrations and removals of all the conversations activating at once go in a few round
/// trips to Redis (<see cref="GroupCommit{TRequest,TResult}"/>), whatever the number of silos.
/// Orleans' cached locator checks entries against membership, so an entry left by a dead silo is
/// replaced when its grain is next called; <see cref="UnregisterSilos"/> also removes them.
/// <para>A conversation is found by registering, not by looking up: <see cref="Lookup"/> answers
/// nothing, so a silo places a conversation it calls on itself (it is the silo of the router that
/// calls it, see <see cref="Grains.EventRouterGrain"/>), and the registration either wins or names
/// the activation that exists elsewhere, to which Orleans forwards the call and whose address it
/// caches. That is Orleans' own way of settling two silos activating a grain at once; here it
/// saves a Redis round trip per activation, the lookup, which almost always found nothing.</para>
/// <para>A registration also reads the conversation's stored state, in the same script, and hands
/// it to the storage for the activation's read that follows (Orleans registers an activation
/// before it activates it): one round trip per activation instead of two.</para>
/// <para>An entry is the activation id (@ and 32 hex digits), the silo and the membership version.</para>
/// </summary>
public sealed class RedisGrainDirectory : IGrainDirectory
{
    // Per request i: KEYS[2i-1] the directory key, KEYS[2i] the conversation's state; ARGV[2i-1]
    // the activation id the registration may replace ('' for none), ARGV[2i] the entry. Answers,
    // per request, '' and the stored state ('' for none) when registered, else the entry that stays
    // registered and ''.
    private const string RegisterAndRead = """
        local out = {}
        for i = 1, #KEYS / 2 do
          local key, match, entry = KEYS[2 * i - 1], ARGV[2 * i - 1], ARGV[2 * i]
          local held = redis.call('GET', key)
          if (not held) or (match ~= '' and string.sub(held, 1, 33) == match) then
            redis.call('SET', key, entry)
            out[2 * i - 1] = ''
            out[2 * i] = redis.call('GET', KEYS[2 * i]) or ''
          else
            out[2 * i - 1] = held
            out[2 * i] = ''
          end
        end
        return out
        """;

    // Per key i: ARGV[i] the activation id whose entry is removed (another's stays).
    private const string UnregisterIfHeld = """
        for i = 1, #KEYS do
          local held = redis.call('GET', KEYS[i])
          if held and string.sub(held, 1, 33) == ARGV[i] then redis.call('DEL', KEYS[i]) end
        end
        return 0
        """;

    // Deletes the given keys whose entry names the silo in ARGV[1].
    private const string DeleteOfSilo = """
        for i = 1, #KEYS do
          local held = redis.call('GET', KEYS[i])
          if held and string.find(held, ARGV[1], 35, true) == 35 then redis.call('DEL', KEYS[i]) end
        end
        return 0
        """;

    private readonly RedisConnection redis;
    private readonly string keyPrefix;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SiloAddress> silos = new(StringComparer.Ordinal);
    private readonly RedisGrainStorage states;
    private readonly GroupCommit<Registration, (RedisValue Held, RedisValue State)> registrations;
    private readonly GroupCommit<Removal, bool> removals;

    /// <param name="redis">The silo's connection.</param>
    /// <param name="keyPrefix">The deployment's key prefix.</param>
    /// <param name="states">The conversations' storage: a registration reads the conversation's state in the same round trip and hands it over (<see cref="RedisGrainStorage.Prefetched"/>), for the activation that follows.</param>
    public RedisGrainDirectory(RedisConnection redis, string keyPrefix, RedisGrainStorage states)
    {
        this.redis = redis;
        this.keyPrefix = keyPrefix + ":directory:";
        this.states = states;
        registrations = new(RegisterAllAsync);
        removals = new(RemoveAllAsync);
    }

    /// <summary>Nothing: a conversation is found by registering it (see the class).</summary>
    public Task<GrainAddress?> Lookup(GrainId grainId) => Task.FromResult<GrainAddress?>(null);

    public Task<GrainAddress?> Register(GrainAddress address) => Register(address, null);

    public async Task<GrainAddress?> Register(GrainAddress address, GrainAddress? previousAddress)
    {
        var grainId = address.GrainId;
        // A state this silo staged for an earlier activation is newer than Redis' and may be stored
        // while the script runs: then the activation's read takes it from the storage instead.
        var stateKey = states.ConversationKey(grainId);
        var staged = states.HoldsStaged(stateKey);
        var (held, state) = await registrations.SubmitAsync(new Registration(Key(grainId), stateKey, previousAddress is null ? "" : Activation(previousAddress), Entry(address)));
        if (!held.IsNullOrEmpty) return Parse(grainId, held);
        // Orleans registers an activation before it activates it: the state is read next.
        if (!staged) states.Prefetched(grainId, state.IsNullOrEmpty ? RedisValue.Null : state);
        return address;
    }

    public async Task Unregister(GrainAddress address)
    {
        states.Prefetched(address.GrainId, null);
        await removals.SubmitAsync(new Removal(Key(address.GrainId), Activation(address)));
    }

    public async Task UnregisterSilos(List<SiloAddress> siloAddresses)
    {
        var db = await redis.DatabaseAsync();
        var pattern = keyPrefix + "*";
        foreach (var silo in siloAddresses)
        {
            long cursor = 0;
            do
            {
                var page = (RedisResult[])(await db.ExecuteAsync("SCAN", cursor, "MATCH", pattern, "COUNT", 1000))!;
                cursor = long.Parse((string)page[0]!, CultureInfo.InvariantCulture);
                var keys = ((RedisResult[])page[1]!).Select(k => (RedisKey)(string)k!).ToArray();
                if (keys.Length > 0) await db.ScriptEvaluateAsync(DeleteOfSilo, keys, [silo.ToParsableString() + " "]);
            }
            while (cursor != 0);
        }
    }

    private async Task<(RedisValue Held, RedisValue State)[]> RegisterAllAsync(IReadOnlyList<Registration> group)
    {
        var answers = (RedisValue[])(await redis.EvaluateGroupAsync(RegisterAndRead, group, 2, (r, keys, at) =>
        {
            keys[at] = r.Key;
            keys[at + 1] = r.StateKey;
        }, 2, (r, args, at) =>
        {
            args[at] = r.Match;
            args[at + 1] = r.Entry;
        }))!;
        return [.. group.Select((_, i) => (answers[2 * i], answers[(2 * i) + 1]))];
    }

    private async Task<bool[]> RemoveAllAsync(IReadOnlyList<Removal> group)
    {
        await redis.EvaluateGroupAsync(UnregisterIfHeld, group, 1, r => r.Key, (r, args, at) => args[at] = r.Activation);
        return new bool[group.Count];
    }

    private static string Activation(GrainAddress address) => address.ActivationId.ToParsableString();

    private static string Entry(GrainAddress address) =>
        $"{Activation(address)} {address.SiloAddress!.ToParsableString()} {address.MembershipVersion.Value.ToString(CultureInfo.InvariantCulture)}";

    private GrainAddress? Parse(GrainId grainId, RedisValue stored)
    {
        if (stored.IsNullOrEmpty) return null;
        var parts = ((string)stored!).Split(' ');
        return new GrainAddress
        {
            GrainId = grainId,
            ActivationId = ActivationId.FromParsableString(parts[0]),
            // A cluster has a handful of silos: each one's address is parsed once.
            SiloAddress = silos.GetOrAdd(parts[1], SiloAddress.FromParsableString),
            MembershipVersion = new MembershipVersion(long.Parse(parts[2], CultureInfo.InvariantCulture)),
        };
    }

    private RedisKey Key(GrainId grainId) => string.Concat(keyPrefix, grainId.ToString());

    private sealed record Registration(RedisKey Key, RedisKey StateKey, string Match, string Entry);

    private sealed record Removal(RedisKey Key, string Activation);
}
