namespace Analytics;

/// <summary>The set of brands seen so far (a single grain, key 0): called once per new brand per router, not per event.</summary>
public interface IBrandDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds brands to the directory.</summary>
    Task RegisterAsync(string[] brands);

    /// <summary>All brands, ordinally sorted.</summary>
    Task<string[]> GetBrandsAsync();
}
