using System.Text;

namespace Analytics.Ingest;

/// <summary>
/// A small direct-mapped cache from UTF-8 bytes to strings for low-cardinality values (brand,
/// channel): a body repeats a handful of them on every line, so reusing one string per value saves
/// two allocations a line and lets the events of a batch share their strings. A collision simply
/// replaces the slot, so memory stays fixed however many distinct values pass.
/// </summary>
/// <param name="canonical">Maps a new value's string to the one to hand out (e.g. a table's own instance); null hands out the new string.</param>
internal sealed class Utf8StringCache(Func<string, string>? canonical = null)
{
    private const int Slots = 256;
    private const int MaxKeyBytes = 64;

    private readonly Entry?[] entries = new Entry?[Slots];

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxKeyBytes)
        {
            return Encoding.UTF8.GetString(utf8);
        }
        var hash = new HashCode();
        hash.AddBytes(utf8);
        ref var entry = ref entries[hash.ToHashCode() & (Slots - 1)];
        entry ??= new Entry();
        if (entry.Value is not null && entry.Key.AsSpan(0, entry.Length).SequenceEqual(utf8))
        {
            return entry.Value;
        }
        utf8.CopyTo(entry.Key);
        entry.Length = utf8.Length;
        var value = Encoding.UTF8.GetString(utf8);
        entry.Value = canonical is null ? value : canonical(value);
        return entry.Value;
    }

    private sealed class Entry
    {
        public readonly byte[] Key = new byte[MaxKeyBytes];
        public int Length;
        public string? Value;
    }
}
