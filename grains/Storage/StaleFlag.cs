namespace Analytics.Storage;

/// <summary>
/// Set by the storage when a state a grain staged (<see cref="RedisGrainStorage.Stage"/>) met
/// another activation's in Redis and was merged with it: the grain holds less than is stored and
/// should read it again (it deactivates and the next call activates it afresh).
/// </summary>
public sealed class StaleFlag
{
    private volatile bool set;

    /// <summary>True once the grain's staged state was merged with another.</summary>
    public bool IsSet => set;

    internal void Set() => set = true;
}
