using System.Diagnostics;
using Analytics.Storage;
using Analytics.Tests.Reference;
using Xunit.Abstractions;

namespace Analytics.Tests.Redis;

/// <summary>
/// Cluster mode end to end, with real processes: Redis (append-only, fsync always) and three silos
/// on loopback. A generated stream of over 200k events (shuffled, with repeated lines) is replayed
/// over HTTP while, at seeded kill points, a silo is killed with -9 and started again, and Redis is
/// killed with -9 and started again. The final report of every silo must equal that of a clean
/// single-silo run of the same events: no event lost, none counted twice.
/// </summary>
[Collection(RedisProcessesCollection.Name)]
public class ClusterFaultTests(ITestOutputHelper output)
{
    private const int LinesPerRequest = 5000;

    public static TheoryData<int> Seeds => [101, 202];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Report_SilosAndRedisKilledDuringReplay_EqualsSingleSiloRun(int seed)
    {
        var lines = Workload.Lines(seed);
        Assert.True(lines.Count >= 200_000, $"the workload has {lines.Count} events, fewer than 200k");
        // The clean run and the cluster's start overlap: the start is mostly waiting.
        var clean = SingleSiloRun.ReportAsync(lines);
        await using var cluster = await RedisCluster.StartAsync(silos: 3);
        var expected = await clean;
        output.WriteLine($"logs: {cluster.Logs}");
        var random = new Random(seed);
        var requests = (lines.Count + LinesPerRequest - 1) / LinesPerRequest;
        var points = Enumerable.Range(requests / 10, requests * 8 / 10).OrderBy(_ => random.Next()).Take(3).Order().ToArray();
        var (first, second) = (random.Next(3), random.Next(3));
        var faults = new Dictionary<int, Func<Task>>
        {
            [points[0]] = () => cluster.KillAndRestartSiloAsync(first),
            [points[1]] = cluster.KillAndRestartRedisAsync,
            [points[2]] = () => cluster.KillAndRestartSiloAsync(second),
        };
        output.WriteLine($"seed {seed}: {lines.Count:N0} events in {requests} requests; kill -9 silo{first} at request {points[0]}, Redis at {points[1]}, silo{second} at {points[2]}");

        using var replay = new HttpReplay(cluster.Silos);
        var clock = Stopwatch.StartNew();
        await replay.SendAsync(lines, LinesPerRequest, parallel: 3, faults);
        await replay.WaitCaughtUpAsync(TimeSpan.FromMinutes(4));
        output.WriteLine($"replayed and applied in {clock.Elapsed.TotalSeconds:N1} s ({lines.Count / clock.Elapsed.TotalSeconds:N0} events/s), {replay.Retries} requests sent again");

        foreach (var silo in cluster.Silos) AssertSameReport(expected, await replay.ReportAsync(silo), silo.Name);
        output.WriteLine($"reports asked again after a failed answer: {replay.ReportRetries}");
        await AssertNothingDeadLetteredAsync(cluster);

        // Everything the silos held in memory goes; what they answer next is restored from Redis.
        await cluster.KillAndRestartAllSilosAsync();
        AssertSameReport(expected, await replay.ReportAsync(cluster.Silos[random.Next(3)]), "restarted cluster");
    }

    private void AssertSameReport(System.Text.Json.Nodes.JsonNode expected, System.Text.Json.Nodes.JsonNode actual, string who)
    {
        var (lost, doubled) = EventTally.Compare(expected, actual);
        var differences = ReportComparer.Differences(expected, actual);
        output.WriteLine($"{who}: {lost} events lost, {doubled} counted twice, {differences.Count} differences");
        Assert.Empty(differences.Take(20));
    }

    private static async Task AssertNothingDeadLetteredAsync(RedisCluster cluster)
    {
        await using var redis = new RedisConnection(cluster.Redis.Connection);
        var db = await redis.DatabaseAsync();
        Assert.Equal(0, await db.StreamLengthAsync(new Streaming.RedisQueueKeys("analytics", "ingest").DeadLetters));
    }
}
