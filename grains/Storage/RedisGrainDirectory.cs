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
/// <para>An entry is the activation id (@ and 32 hex digits), the silo and the membership version.</para>
/// </summary>
public sealed class RedisGrainDirectory : IGrainDirectory
{
    // Per key i: ARGV[3i-2] 'r' to register or 'u' to unregister; ARGV[3i-1] the activation id
    // the change may replace or must remove ('' for none); ARGV[3i] the entry to register.
    // Answers, per key, '' when the change was made, else the entry that stays registered.
    private const string Change = """
        local out = {}
        for i = 1, #KEYS do
          local op, match, entry = ARGV[3 * i - 2], ARGV[3 * i - 1], ARGV[3 * i]
          local held = redis.call('GET', KEYS[i])
          if op == 'r' then
            if (not held) or (match ~= '' and string.sub(held, 1, 33) == match) then
              redis.call('SET', KEYS[i], entry)
              out[i] = ''
            else
              out[i] = held
            end
          else
            if held and string.sub(held, 1, 33) == match then redis.call('DEL', KEYS[i]) end
            out[i] = ''
          end
        end
        return out
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
    private readonly GroupCommit<Request, RedisValue> changes;

    public RedisGrainDirectory(RedisConnection redis, string keyPrefix)
    {
        this.redis = redis;
        this.keyPrefix = keyPrefix + ":directory:";
        changes = new(ChangeAllAsync);
    }

    /// <summary>Nothing: a conversation is found by registering it (see the class).</summary>
    public Task<GrainAddress?> Lookup(GrainId grainId) => Task.FromResult<GrainAddress?>(null);

    public Task<GrainAddress?> Register(GrainAddress address) => Register(address, null);

    public async Task<GrainAddress?> Register(GrainAddress address, GrainAddress? previousAddress)
    {
        var held = await changes.SubmitAsync(new Request(Key(address.GrainId), "r", previousAddress is null ? "" : Activation(previousAddress), Entry(address)));
        return held.IsNullOrEmpty ? address : Parse(address.GrainId, held);
    }

    public Task Unregister(GrainAddress address) => changes.SubmitAsync(new Request(Key(address.GrainId), "u", Activation(address), ""));

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

    private async Task<RedisValue[]> ChangeAllAsync(IReadOnlyList<Request> group) =>
        (RedisValue[])(await redis.EvaluateGroupAsync(Change, group, 3, r => r.Key, (r, args, at) =>
        {
            args[at] = r.Op;
            args[at + 1] = r.Match;
            args[at + 2] = r.Entry;
        }))!;

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

    private sealed record Request(RedisKey Key, string Op, string Match, string Entry);
}
