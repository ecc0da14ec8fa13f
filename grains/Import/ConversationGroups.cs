namespace Analytics.Import;

/// <summary>Conversations handed out for import: each one's rows of <see cref="Source"/>, contiguous.</summary>
public sealed class ConversationGroups
{
    private readonly List<int> starts = [0];
    private int[] rows = new int[16];

    /// <summary>The columns the rows index.</summary>
    public EventColumns Source { get; private set; } = new();

    /// <summary>Number of conversations.</summary>
    public int Count => starts.Count - 1;

    /// <summary>The rows of conversation <paramref name="group"/>.</summary>
    public ReadOnlySpan<int> RowsOf(int group) => rows.AsSpan(starts[group], starts[group + 1] - starts[group]);

    /// <summary>Forgets every conversation; the next ones index <paramref name="source"/>.</summary>
    internal void Reset(EventColumns source)
    {
        Source = source;
        starts.RemoveRange(1, starts.Count - 1);
    }

    /// <summary>Adds a conversation of <paramref name="size"/> rows, linked from <paramref name="head"/> by <paramref name="next"/>.</summary>
    internal void Add(int head, int size, int[] next)
    {
        var at = starts[^1];
        if (at + size > rows.Length) Array.Resize(ref rows, Math.Max(rows.Length * 2, at + size));
        for (var row = head; row >= 0; row = next[row]) rows[at++] = row;
        starts.Add(at);
    }
}
