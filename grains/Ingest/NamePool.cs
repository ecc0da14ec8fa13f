namespace Analytics.Ingest;

/// <summary>
/// Interns names (authors, @handles) as small integers, so that per-tweet data holds an int and each
/// distinct name is stored once. Lookups take a span, so a name already seen costs no allocation.
/// </summary>
internal sealed class NamePool
{
    private readonly Dictionary<string, int> ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly List<string> names = [];

    /// <param name="comparer">Ordinal for author ids; OrdinalIgnoreCase for handles, which Twitter matches case-insensitively.</param>
    public NamePool(StringComparer comparer)
    {
        ids = new Dictionary<string, int>(comparer);
        lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => names.Count;

    public string this[int id] => names[id];

    public int Intern(ReadOnlySpan<char> name)
    {
        if (lookup.TryGetValue(name, out var id))
        {
            return id;
        }

        id = names.Count;
        var text = name.ToString();
        ids.Add(text, id);
        names.Add(text);
        return id;
    }
}
