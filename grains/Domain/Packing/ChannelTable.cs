namespace Analytics.Domain.Packing;

/// <summary>A brand's channels numbered in order of first use, so packed contributions hold a small number instead of a name.</summary>
public sealed class ChannelTable
{
    private readonly Dictionary<string, int> numbers = new(StringComparer.Ordinal);
    private readonly List<string> names = [];

    /// <summary>The channel's number, assigning the next one to a new channel.</summary>
    public int NumberOf(string channel)
    {
        if (numbers.TryGetValue(channel, out var n)) return n;
        numbers[channel] = n = names.Count;
        names.Add(channel);
        return n;
    }

    /// <summary>The channel with this number.</summary>
    public string NameOf(int number) =>
        (uint)number < (uint)names.Count ? names[number] : throw new FormatException($"no channel number {number}");
}
