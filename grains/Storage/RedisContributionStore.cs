using System.Globalization;
using System.Text;
using Analytics.Models;
using Orleans.Serialization;
using StackExchange.Redis;

namespace Analytics.Storage;

/// <summary>
/// One Redis hash per brand, one field per conversation (or audience shard); the value is the
/// version as 19 decimal digits followed by the serialized contribution. A script replaces a field
/// only with a newer version, so a stale writer (a redelivered batch, or briefly a second activation
/// of the brand during a membership change) can never move a brand back.
/// </summary>
public sealed class RedisContributionStore(RedisConnection redis, Serializer<Contribution> serializer, string keyPrefix) : IContributionStore
{
    private const int VersionDigits = 19;

    private const string KeepNewest = """
        for i = 1, #ARGV, 2 do
          local held = redis.call('HGET', KEYS[1], ARGV[i])
          if (not held) or string.sub(held, 1, 19) < string.sub(ARGV[i + 1], 1, 19) then
            redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
          end
        end
        return 0
        """;

    public async Task<List<Contribution>> LoadAsync(string brand)
    {
        var db = await redis.DatabaseAsync();
        var fields = await db.HashGetAllAsync(Key(brand));
        var loaded = new List<Contribution>(fields.Length);
        foreach (var field in fields)
        {
            var value = (byte[])field.Value!;
            loaded.Add(serializer.Deserialize(value.AsMemory(VersionDigits)) ?? throw new InvalidDataException($"brand {brand}: a null contribution is stored under {field.Name}"));
        }
        return loaded;
    }

    public async Task SaveAsync(string brand, IReadOnlyList<Contribution> changed)
    {
        if (changed.Count == 0) return;
        var args = new RedisValue[changed.Count * 2];
        for (var i = 0; i < changed.Count; i++)
        {
            var c = changed[i];
            args[2 * i] = c.AudienceShard >= 0 ? "a" + c.AudienceShard.ToString(CultureInfo.InvariantCulture) : "c" + c.ConversationId;
            var version = Encoding.ASCII.GetBytes(c.Version.ToString("D19", CultureInfo.InvariantCulture));
            args[2 * i + 1] = (byte[])[.. version, .. serializer.SerializeToArray(c)];
        }
        var db = await redis.DatabaseAsync();
        await db.ScriptEvaluateAsync(KeepNewest, [Key(brand)], args);
    }

    private RedisKey Key(string brand) => $"{keyPrefix}:brand:{brand}";
}
