namespace Analytics;

/// <summary>The set of brands seen so far (a single grain, key 0): called once per new brand per router, not per event.</summary>
public interface IBrandDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds brands to the directory.</summary>
    Task RegisterAsync(string[] brands);

    /// <summary>All brands, ordinally sorted.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<string[]> GetBrandsAsync();

    /// <summary>True if events of <paramref name="brand"/> were received: the API asks before it touches (and so activates) a brand grain.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<bool> ContainsAsync(string brand);
}
