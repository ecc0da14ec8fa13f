using Analytics.Tests.Reference;

namespace Analytics.Tests.Redis;

/// <summary>The generated event stream of the cluster tests: about 230k NDJSON lines, shuffled, some repeated.</summary>
public static class Workload
{
    public static List<string> Lines(int seed) =>
        EventGenerator.Perturb(EventGenerator.Generate(seed, new GeneratorOptions(Brands: 12, Conversations: 48_000, Days: 30)), seed);
}
