namespace Analytics.Tests.Redis;

/// <summary>
/// Tests that start Redis and silo processes run one at a time (not beside each other): the
/// machine has few cores and the fault tests' kill points should hit a loaded, not a starved, cluster.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RedisProcessesCollection
{
    public const string Name = "redis processes";
}
