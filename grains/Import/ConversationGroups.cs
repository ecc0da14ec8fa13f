namespace Analytics.Import;

/// <summary>
/// The rows of <see cref="EventColumns"/> grouped by conversation: groups numbered in order of
/// first appearance, each with its rows (in column order) and its latest event time. Built with
/// one dictionary lookup per row and a counting sort, no list per conversation.
/// </summary>
public sealed class ConversationGroups
{
    private readonly int[] order;
    private readonly int[] starts;
    private readonly long[] latest;

    private ConversationGroups(EventColumns source, int[] order, int[] starts, long[] latest, int count)
    {
        Source = source;
        this.order = order;
        this.starts = starts;
        this.latest = latest;
        Count = count;
    }

    /// <summary>The columns grouped.</summary>
    public EventColumns Source { get; }

    /// <summary>Number of conversations.</summary>
    public int Count { get; }

    /// <summary>The rows of group <paramref name="group"/>.</summary>
    public ReadOnlySpan<int> RowsOf(int group) => order.AsSpan(starts[group], starts[group + 1] - starts[group]);

    /// <summary>The latest event time of group <paramref name="group"/>.</summary>
    public long LatestOf(int group) => latest[group];

    /// <summary>Groups the rows of <paramref name="source"/> by conversation.</summary>
    public static ConversationGroups Of(EventColumns source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var rows = source.Count;
        // Keyed by a representative row: the comparer reads the conversation from the columns.
        var first = new Dictionary<int, int>(rows / 2, new SameConversation(source));
        var groupOf = new int[rows];
        var sizes = new int[rows + 1];
        var latest = new long[rows];
        var count = 0;
        for (var row = 0; row < rows; row++)
        {
            if (!first.TryGetValue(row, out var group))
            {
                group = count++;
                first.Add(row, group);
                latest[group] = long.MinValue;
            }
            groupOf[row] = group;
            sizes[group + 1]++;
            latest[group] = Math.Max(latest[group], source.TimestampOf(row));
        }
        var starts = new int[count + 1];
        for (var g = 0; g < count; g++) starts[g + 1] = starts[g] + sizes[g + 1];
        var next = starts.AsSpan(0, count).ToArray();
        var order = new int[rows];
        for (var row = 0; row < rows; row++) order[next[groupOf[row]]++] = row;
        return new ConversationGroups(source, order, starts, latest, count);
    }

    private sealed class SameConversation(EventColumns columns) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) => columns.SameConversation(x, y);

        public int GetHashCode(int row) => columns.HashOf(row);
    }
}
