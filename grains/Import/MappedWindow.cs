using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace Analytics.Import;

/// <summary>
/// A read-only window of a memory-mapped file as <see cref="Memory{T}"/>, so the import's parsers
/// read the file's pages in place: a read into a buffer of our own cost a copy of every byte in
/// the kernel (9% of the import's CPU). Unmapped when disposed; the parsed events never point
/// into it.
/// </summary>
internal sealed unsafe class MappedWindow : MemoryManager<byte>
{
    private readonly MemoryMappedViewAccessor view;
    private readonly int length;
    private byte* start;

    public MappedWindow(MemoryMappedFile file, long offset, int length)
    {
        view = file.CreateViewAccessor(offset, length, MemoryMappedFileAccess.Read);
        this.length = length;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        // The view begins at a page boundary at or before the offset asked for.
        start += view.PointerOffset;
    }

    public override Span<byte> GetSpan() => new(start, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(start + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (start is null) return;
        start = null;
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
    }
}
