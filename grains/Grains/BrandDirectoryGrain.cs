using Analytics.Hosting;

namespace Analytics.Grains;

/// <summary>The brands seen so far.</summary>
public sealed class BrandDirectoryGrain(
    [PersistentState("directory", Names.BrandStore)] IPersistentState<SortedSet<string>> brands)
    : Grain, IBrandDirectoryGrain
{
    public async Task RegisterAsync(string[] names)
    {
        var added = false;
        foreach (var name in names) added |= brands.State.Add(name);
        if (added) await brands.WriteStateAsync();
    }

    public Task<string[]> GetBrandsAsync() => Task.FromResult(brands.State.ToArray());
}
