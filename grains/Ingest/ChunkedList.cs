namespace Analytics.Ingest;

/// <summary>
/// An append-only list stored in fixed 64 Ki-element chunks. Pass 1 of the twcs import keeps a few
/// values per tweet for millions of tweets; a <see cref="List{T}"/> would double and copy one huge
/// array (briefly holding both), while chunks grow memory in small steps and never copy.
/// </summary>
internal sealed class ChunkedList<T>
{
    private const int Shift = 16;
    private const int ChunkSize = 1 << Shift;
    private const int Mask = ChunkSize - 1;

    private readonly List<T[]> chunks = [];

    public int Count { get; private set; }

    public T this[int index]
    {
        get => chunks[index >> Shift][index & Mask];
        set => chunks[index >> Shift][index & Mask] = value;
    }

    public void Add(T item)
    {
        if (Count == int.MaxValue)
        {
            throw new InvalidOperationException("The list is full: more than int.MaxValue items.");
        }

        if ((Count & Mask) == 0 && Count >> Shift == chunks.Count)
        {
            chunks.Add(new T[ChunkSize]);
        }

        this[Count++] = item;
    }
}
