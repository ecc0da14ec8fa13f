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
    public Task<RedisResult> EvaluateGroupAsync<T>(string script, IReadOnlyList<T> group, int argsPerKey, Func<T, RedisKey> key, Action<T, RedisValue[], int> args) =>
        EvaluateGroupAsync(script, group, 1, (r, keys, at) => keys[at] = key(r), argsPerKey, args);

    /// <summary>
    /// Runs <paramref name="script"/> once for a group of requests with <paramref name="keysPerRequest"/>
    /// keys and <paramref name="argsPerRequest"/> arguments each, in order (<paramref name="keys"/> and
    /// <paramref name="args"/> write request i's from index <c>i * keysPerRequest</c> and <c>i * argsPerRequest</c>).
    /// </summary>
    public async Task<RedisResult> EvaluateGroupAsync<T>(string script, IReadOnlyList<T> group, int keysPerRequest, Action<T, RedisKey[], int> keys, int argsPerRequest, Action<T, RedisValue[], int> args)
    {
        var keyArray = new RedisKey[group.Count * keysPerRequest];
        var values = new RedisValue[group.Count * argsPerRequest];
        for (var i = 0; i < group.Count; i++)
        {
            keys(group[i], keyArray, i * keysPerRequest);
            args(group[i], values, i * argsPerRequest);
        }
        return await (await DatabaseAsync()).ScriptEvaluateAsync(script, keyArray, values);
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
