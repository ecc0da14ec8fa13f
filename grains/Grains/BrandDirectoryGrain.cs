using Analytics.Hosting;

namespace Analytics.Grains;

/// <summary>The brands seen so far.</summary>
public sealed class BrandDirectoryGrain(
    [PersistentState("directory", Names.BrandStore)] IPersistentState<SortedSet<string>> brands)
    : Grain, IBrandDirectoryGrain
{
    // True from a change until its write succeeded: a failed write is retried by the next call
    // (the caller registers again after a failure), even if that call adds nothing new.
    private bool unsaved;

    public async Task RegisterAsync(string[] names)
    {
        foreach (var name in names) unsaved |= brands.State.Add(name);
        if (!unsaved) return;
        await brands.WriteStateAsync();
        unsaved = false;
    }

    public Task<string[]> GetBrandsAsync() => Task.FromResult(brands.State.ToArray());

    public Task<bool> ContainsAsync(string brand) => Task.FromResult(brands.State.Contains(brand));
}
