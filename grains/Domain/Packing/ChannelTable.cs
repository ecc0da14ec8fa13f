namespace Analytics.Domain.Packing;

/// <summary>
/// Channels numbered in order of first use, so packed contributions hold a small number instead
/// of a name. One table per process (<see cref="Shared"/>): the history import packs
/// contributions on its workers and a brand holds those very bytes, so both must number alike.
/// Thread-safe; only a new channel takes a lock.
/// </summary>
public sealed class ChannelTable
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> numbers = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    // Every channel by number, replaced (never changed) when a channel is added, so a reader needs
    // no lock, and a conversation grain hands the same array out with every packed contribution.
    private volatile string[] names = [];

    /// <summary>The process's table.</summary>
    public static ChannelTable Shared { get; } = new();

    /// <summary>The channel's number, assigning the next one to a new channel.</summary>
    public int NumberOf(string channel)
    {
        // Mostly one of the table's own strings (Named): found by reference among the first few.
        var current = names;
        for (var i = 0; i < Math.Min(current.Length, MaxScanned); i++)
        {
            if (ReferenceEquals(current[i], channel)) return i;
        }
        if (numbers.TryGetValue(channel, out var known)) return known;
        lock (gate)
        {
            if (numbers.TryGetValue(channel, out var n)) return n;
            n = names.Length;
            // Named before numbered: whoever finds the number finds the name.
            names = [.. names, channel];
            numbers[channel] = n;
            return n;
        }
    }

    /// <summary>The table's own string for <paramref name="channel"/>, numbering a new channel.</summary>
    public string Named(string channel) => NameOf(NumberOf(channel));

    // Channels are a handful (twitter, instagram, ...); past these few a lookup hashes the name.
    private const int MaxScanned = 8;

    /// <summary>The channel with this number.</summary>
    public string NameOf(int number)
    {
        var current = names;
        return (uint)number < (uint)current.Length ? current[number] : throw new FormatException($"no channel number {number}");
    }

    /// <summary>A table numbering <paramref name="names"/> in their order (another process's numbers).</summary>
    public static ChannelTable Of(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var table = new ChannelTable();
        foreach (var name in names) table.NumberOf(name);
        return table;
    }

    /// <summary>True when this table numbers each of <paramref name="others"/> as its position (names another table gave out, e.g. a packed batch's); adds nothing.</summary>
    public bool NumbersAlike(IReadOnlyList<string> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        var current = names;
        if (ReferenceEquals(others, current)) return true;
        for (var i = 0; i < others.Count; i++)
        {
            if (i >= current.Length || current[i] != others[i]) return false;
        }
        return true;
    }

    /// <summary>Every channel, by number: the same array until a channel is added (not to be changed).</summary>
    public string[] Names() => names;
}
