using StackExchange.Redis;

namespace Analytics.Storage;

/// <summary>
/// The silo's one multiplexed connection to Redis for the engine's own keys (queues, brand
/// contributions, backlog probes). It never gives up: while Redis restarts, commands fail and
/// their callers retry, and the connection comes back by itself.
/// </summary>
public sealed class RedisConnection(string configuration) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> connection = new(() => ConnectAsync(configuration));

    /// <summary>The database the engine uses.</summary>
    public async Task<IDatabase> DatabaseAsync() => (await connection.Value).GetDatabase();

    /// <summary>The values of <paramref name="keys"/>, in one MGET.</summary>
    public async Task<RedisValue[]> GetAllAsync(IReadOnlyList<RedisKey> keys) => await (await DatabaseAsync()).StringGetAsync([.. keys]);

    /// <summary>
    /// Runs <paramref name="script"/> once for a group of requests: KEYS[i] is request i's key and
    /// ARGV holds <paramref name="argsPerKey"/> arguments per request, in order (<paramref name="args"/>
    /// writes request i's from index <c>i * argsPerKey</c>).
    /// </summary>
    public async Task<RedisResult> EvaluateGroupAsync<T>(string script, IReadOnlyList<T> group, int argsPerKey, Func<T, RedisKey> key, Action<T, RedisValue[], int> args)
    {
        var keys = new RedisKey[group.Count];
        var values = new RedisValue[group.Count * argsPerKey];
        for (var i = 0; i < group.Count; i++)
        {
            keys[i] = key(group[i]);
            args(group[i], values, i * argsPerKey);
        }
        return await (await DatabaseAsync()).ScriptEvaluateAsync(script, keys, values);
    }

    public async ValueTask DisposeAsync()
    {
        if (connection.IsValueCreated) await (await connection.Value).DisposeAsync();
    }

    /// <summary>Connection options that keep retrying instead of failing when Redis is down.</summary>
    public static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        return options;
    }

    private static Task<ConnectionMultiplexer> ConnectAsync(string configuration) => ConnectionMultiplexer.ConnectAsync(Options(configuration));
}
