using System.Numerics;

namespace Analytics.Import;

/// <summary>
/// The rows of <see cref="EventColumns"/> grouped by conversation: groups numbered in order of
/// first appearance, each with its rows (in column order) and its latest event time. One probe of
/// an open-addressing table per row and a counting sort; the arrays are kept and reused by the
/// next <see cref="Group"/>, since at a chunk's size each would be a large-object allocation.
/// </summary>
public sealed class ConversationGroups
{
    private int[] groupOf = [];
    private int[] order = [];
    private int[] starts = [1];
    private long[] latest = [];
    private int[] firstRow = [];
    // Slots hold group + 1; 0 is free.
    private int[] table = [];

    /// <summary>The columns grouped.</summary>
    public EventColumns Source { get; private set; } = new();

    /// <summary>Number of conversations.</summary>
    public int Count { get; private set; }

    /// <summary>The rows of group <paramref name="group"/>.</summary>
    public ReadOnlySpan<int> RowsOf(int group) => order.AsSpan(starts[group], starts[group + 1] - starts[group]);

    /// <summary>The latest event time of group <paramref name="group"/>.</summary>
    public long LatestOf(int group) => latest[group];

    /// <summary>Groups the rows of <paramref name="source"/> by conversation, replacing the previous grouping.</summary>
    public ConversationGroups Group(EventColumns source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Source = source;
        var rows = source.Count;
        EnsureRoom(rows);
        var mask = table.Length - 1;
        Array.Clear(table);
        var count = 0;
        for (var row = 0; row < rows; row++)
        {
            var slot = source.HashOf(row) & mask;
            int group;
            while (true)
            {
                var held = table[slot];
                if (held == 0)
                {
                    group = count++;
                    table[slot] = group + 1;
                    firstRow[group] = row;
                    latest[group] = long.MinValue;
                    starts[group + 1] = 0;
                    break;
                }
                if (source.SameConversation(firstRow[held - 1], row))
                {
                    group = held - 1;
                    break;
                }
                slot = (slot + 1) & mask;
            }
            groupOf[row] = group;
            starts[group + 1]++;
            latest[group] = Math.Max(latest[group], source.TimestampOf(row));
        }
        starts[0] = 0;
        for (var g = 0; g < count; g++) starts[g + 1] += starts[g];
        // firstRow is done with: it becomes each group's next free place in order.
        starts.AsSpan(0, count).CopyTo(firstRow);
        for (var row = 0; row < rows; row++) order[firstRow[groupOf[row]]++] = row;
        Count = count;
        return this;
    }

    private void EnsureRoom(int rows)
    {
        if (groupOf.Length >= rows && table.Length >= 2 * rows) return;
        var size = Math.Max(16, rows + (rows / 4));
        groupOf = new int[size];
        order = new int[size];
        starts = new int[size + 1];
        latest = new long[size];
        firstRow = new int[size];
        table = new int[BitOperations.RoundUpToPowerOf2((uint)(2 * size))];
    }
}
