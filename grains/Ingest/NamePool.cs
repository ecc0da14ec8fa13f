namespace Analytics.Ingest;

/// <summary>
/// Interns names (authors, @handles) as small integers, so that per-tweet data holds an int and each
/// distinct name is stored once. Lookups take a span, so a name already seen costs no allocation.
/// </summary>
internal sealed class NamePool
{
    private readonly Dictionary<string, int> _ids;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<string> _names = [];

    /// <param name="comparer">Ordinal for author ids; OrdinalIgnoreCase for handles, which Twitter matches case-insensitively.</param>
    public NamePool(StringComparer comparer)
    {
        _ids = new Dictionary<string, int>(comparer);
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _names.Count;

    public string this[int id] => _names[id];

    public int Intern(ReadOnlySpan<char> name)
    {
        if (_lookup.TryGetValue(name, out var id))
        {
            return id;
        }

        id = _names.Count;
        var text = name.ToString();
        _ids.Add(text, id);
        _names.Add(text);
        return id;
    }
}
