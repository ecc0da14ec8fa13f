using Analytics.Storage;

namespace Analytics.Tests.Redis;

/// <summary>One real redis-server for a test class; each test uses its own key prefix.</summary>
public sealed class RedisFixture : IAsyncLifetime
{
    private RedisServer? server;
    private RedisConnection? connection;

    public RedisServer Server => server ?? throw new InvalidOperationException("Redis not started");

    public RedisConnection Connection => connection ?? throw new InvalidOperationException("Redis not started");

    public async Task InitializeAsync()
    {
        server = await RedisServer.StartAsync();
        connection = new RedisConnection(server.Connection);
    }

    public async Task DisposeAsync()
    {
        if (connection is not null) await connection.DisposeAsync();
        if (server is not null) await server.DisposeAsync();
    }
}
