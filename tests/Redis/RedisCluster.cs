namespace Analytics.Tests.Redis;

/// <summary>
/// Redis and N silo processes in cluster mode on loopback. Faults (kill -9 and restart of a silo or
/// of Redis) run one at a time, so that each one is a clean, separate kill point.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private readonly SemaphoreSlim oneFaultAtATime = new(1, 1);

    private RedisCluster(RedisServer redis, List<SiloProcess> silos, string logs) => (Redis, Silos, Logs) = (redis, silos, logs);

    public RedisServer Redis { get; }

    public List<SiloProcess> Silos { get; }

    /// <summary>The silos' logs (kept after the test, for a failure's post-mortem).</summary>
    public string Logs { get; }

    public static async Task<RedisCluster> StartAsync(int silos)
    {
        var redis = await RedisServer.StartAsync();
        var logs = Path.Combine(Path.GetTempPath(), "analytics-cluster-" + Path.GetFileName(redis.Directory));
        Directory.CreateDirectory(logs);
        var processes = Enumerable.Range(0, silos).Select(i => new SiloProcess($"silo{i}", redis.Connection, logs)).ToList();
        var cluster = new RedisCluster(redis, processes, logs);
        try
        {
            await Task.WhenAll(processes.Select(p => p.StartAsync()));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
        return cluster;
    }

    /// <summary>kill -9 one silo, then start it again on the same ports.</summary>
    public Task KillAndRestartSiloAsync(int index) => OneAtATimeAsync(async () =>
    {
        Silos[index].Kill();
        await Silos[index].StartAsync();
    });

    /// <summary>kill -9 Redis, then start it again from its append-only file.</summary>
    public Task KillAndRestartRedisAsync() => OneAtATimeAsync(async () =>
    {
        Redis.Kill();
        await Redis.StartAgainAsync();
    });

    /// <summary>kill -9 every silo, then start them all again: whatever they answer next comes from Redis.</summary>
    public async Task KillAndRestartAllSilosAsync()
    {
        foreach (var silo in Silos) silo.Kill();
        await Task.WhenAll(Silos.Select(s => s.StartAsync()));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in Silos) await silo.DisposeAsync();
        await Redis.DisposeAsync();
        oneFaultAtATime.Dispose();
    }

    private async Task OneAtATimeAsync(Func<Task> fault)
    {
        await oneFaultAtATime.WaitAsync();
        try
        {
            await fault();
        }
        finally
        {
            oneFaultAtATime.Release();
        }
    }
}
