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
