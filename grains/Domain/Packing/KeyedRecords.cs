using System.IO.Hashing;

namespace Analytics.Domain.Packing;

/// <summary>
/// Records that carry their own key: each a byte array of [key length, varint][key][value]. One
/// object per record instead of a key, a value and a dictionary entry's share, for the things the
/// engine holds by the million (stored conversations, a brand's conversations). Found by key span
/// without allocating; a record is replaced whole. Not thread-safe.
/// </summary>
internal sealed class KeyedRecords
{
    private readonly HashSet<byte[]> records = new(KeyComparer.Instance);
    private readonly HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> byKey;

    public KeyedRecords() => byKey = records.GetAlternateLookup<ReadOnlySpan<byte>>();

    public int Count => records.Count;

    public IEnumerable<byte[]> All => records;

    /// <summary>A record of <paramref name="key"/> followed by <paramref name="value"/>.</summary>
    public static byte[] Create(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value)
    {
        var w = new PackWriter(key.Length + value.Length + 5);
        try
        {
            w.WriteBytes(key);
            return w.ToArray(value);
        }
        finally
        {
            w.Dispose();
        }
    }

    public static ReadOnlySpan<byte> KeyOf(byte[] record) => new PackReader(record).ReadUtf8();

    public static ReadOnlySpan<byte> ValueOf(byte[] record)
    {
        var r = new PackReader(record);
        r.ReadUtf8();
        return r.Rest;
    }

    public byte[]? Find(ReadOnlySpan<byte> key) => byKey.TryGetValue(key, out var record) ? record : null;

    /// <summary>Holds <paramref name="record"/>, replacing the record of the same key.</summary>
    public void Put(byte[] record)
    {
        // Most records are new: one lookup for them, three for a replacement.
        if (records.Add(record)) return;
        records.Remove(record);
        records.Add(record);
    }

    public void Remove(ReadOnlySpan<byte> key) => byKey.Remove(key);

    private sealed class KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static KeyComparer Instance { get; } = new();

        public bool Equals(byte[]? x, byte[]? y) => x is not null && y is not null && KeyOf(x).SequenceEqual(KeyOf(y));

        public int GetHashCode(byte[] record) => GetHashCode(KeyOf(record));

        public bool Equals(ReadOnlySpan<byte> key, byte[] record) => key.SequenceEqual(KeyOf(record));

        public int GetHashCode(ReadOnlySpan<byte> key) => (int)XxHash3.HashToUInt64(key);

        public byte[] Create(ReadOnlySpan<byte> key) => throw new NotSupportedException("records are added whole");
    }
}
