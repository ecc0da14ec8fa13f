using System.Buffers.Binary;
using System.IO.Hashing;
using Analytics.Domain.Packing;
using Analytics.Models;
using Microsoft.Extensions.Logging;

namespace Analytics.Storage;

/// <summary>How often the event log forces its writes to the disk (like Redis' appendfsync).</summary>
public enum FsyncPolicy
{
    /// <summary>Before every ingest request is answered: a power loss loses nothing acknowledged.</summary>
    Always,

    /// <summary>Once a second: a power loss or OS crash loses at most the last second; a crash of the process alone loses nothing acknowledged.</summary>
    EverySecond,

    /// <summary>When the OS decides: a power loss or OS crash may lose more; a crash of the process alone loses nothing acknowledged.</summary>
    No,
}

/// <summary>
/// Embedded mode's memory of what it accepted: every accepted event, appended to segment files
/// (<c>events-000001.log</c>, ...) under a directory before its ingest request is answered, and
/// read back at start to rebuild brands and conversations with the history import.
/// <para>A record is one published batch: <c>[magic "AEL1"][length u32][CRC-32 of length and
/// payload][payload]</c>, the payload a count and the events (id, kind, brand, channel,
/// conversation id, direction, timestamp, digest). At start (<see cref="Open"/>) a damaged record
/// at the end of the last segment is a write the process did not finish: it is cut off, with a
/// warning naming the bytes. A damaged record with good ones after it, or in an earlier segment,
/// is damage to acknowledged events: the start stops with the segment and offset, and the files
/// are left untouched.</para>
/// <para>Writes reach the OS before a request is answered, whatever the policy, so a killed
/// process loses nothing it acknowledged; the policy decides when they reach the disk.</para>
/// </summary>
public sealed class EventLog : IAsyncDisposable
{
    private const uint Magic = 0x314C4541; // "AEL1", little-endian
    private const int HeaderBytes = 12;
    private const int MaxRecordBytes = 256 << 20;

    private readonly string directory;
    private readonly FsyncPolicy policy;
    private readonly long segmentBytes;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly CancellationTokenSource stop = new();
    private readonly Task? syncing;
    private FileStream segment;
    private int segmentNumber;
    private bool unsynced;

    private EventLog(string directory, FsyncPolicy policy, long segmentBytes, int lastSegment)
    {
        this.directory = directory;
        this.policy = policy;
        this.segmentBytes = segmentBytes;
        segmentNumber = Math.Max(1, lastSegment);
        segment = OpenSegment(segmentNumber);
        if (policy == FsyncPolicy.EverySecond) syncing = SyncEverySecondAsync();
    }

    /// <summary>
    /// Checks every segment in <paramref name="directory"/> and cuts off a torn last write (with a
    /// warning), then returns the logged events, in order, read one segment at a time as they are
    /// enumerated. Call before <see cref="Open"/>; nothing may append meanwhile.
    /// </summary>
    /// <exception cref="InvalidDataException">A damaged record before the last write: the files are left as they are.</exception>
    /// <param name="directory">The log's directory.</param>
    /// <param name="logger">Hears of a cut-off write.</param>
    /// <param name="afterSegment">Segments up to this number are held by a snapshot: skipped.</param>
    public static IEnumerable<CareEvent> Recover(string directory, ILogger logger, int afterSegment = 0)
    {
        ArgumentNullException.ThrowIfNull(logger);
        if (!Directory.Exists(directory)) return [];
        var segments = DataFiles.Segments(directory).Where(s => s.Number > afterSegment).Select(s => s.Path).ToList();
        // Every segment is checked before anything is cut or read: damage in the middle must stop
        // the start with the files untouched.
        var checkedSegments = segments.Select((path, i) => Check(path, last: i == segments.Count - 1)).ToList();
        if (checkedSegments.Count > 0 && checkedSegments[^1].CutAt is { } cut)
        {
            var path = segments[^1];
            var length = new FileInfo(path).Length;
            logger.LogWarning("Event log: the last write to {Segment} was not finished; cut off {Bytes:N0} bytes at byte {Offset:N0} (they were never acknowledged)", Path.GetFileName(path), length - cut, cut);
            using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
            file.SetLength(cut);
        }
        return Read(segments, checkedSegments);
    }

    /// <summary>Opens the log in <paramref name="directory"/> (created if missing) for appending, after <see cref="Recover"/>: to its last segment, or to segment <paramref name="firstSegment"/> when that is later (after a snapshot).</summary>
    public static EventLog Open(string directory, FsyncPolicy policy, long segmentBytes, int firstSegment = 1)
    {
        Directory.CreateDirectory(directory);
        return new EventLog(directory, policy, segmentBytes, Math.Max(firstSegment, LastSegment(directory)));
    }

    /// <summary>The number of the last segment in <paramref name="directory"/>; 0 for none.</summary>
    public static int LastSegment(string directory) => Directory.Exists(directory) && DataFiles.Segments(directory) is { Count: > 0 } segments ? segments[^1].Number : 0;

    private static IEnumerable<CareEvent> Read(List<string> segments, List<Checked> checkedSegments)
    {
        for (var i = 0; i < segments.Count; i++)
        {
            var bytes = File.ReadAllBytes(segments[i]);
            foreach (var (start, length) in checkedSegments[i].Ranges)
            {
                foreach (var e in ReadPayload(bytes.AsSpan(start, length))) yield return e;
            }
        }
    }

    /// <summary>Appends one batch of accepted events (written to the OS by <see cref="CommitAsync"/>).</summary>
    public async Task AppendAsync(IReadOnlyList<CareEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0) return;
        var record = Record(events);
        await gate.WaitAsync();
        try
        {
            if (segment.Length > 0 && segment.Length + record.Length > segmentBytes)
            {
                // A segment is complete before the next begins: sealed on the disk whatever the policy.
                await segment.FlushAsync();
                segment.Flush(flushToDisk: true);
                await segment.DisposeAsync();
                segment = OpenSegment(++segmentNumber);
            }
            await segment.WriteAsync(record);
            unsynced = true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Makes every appended batch survive the process (and, with <see cref="FsyncPolicy.Always"/>, the machine): call before answering a request.</summary>
    public async Task CommitAsync()
    {
        await gate.WaitAsync();
        try
        {
            await segment.FlushAsync();
            if (policy == FsyncPolicy.Always && unsynced)
            {
                segment.Flush(flushToDisk: true);
                unsynced = false;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (syncing is not null) await syncing;
        await gate.WaitAsync();
        try
        {
            await segment.FlushAsync();
            segment.Flush(flushToDisk: true);
            await segment.DisposeAsync();
        }
        finally
        {
            gate.Release();
        }
        stop.Dispose();
    }

    private async Task SyncEverySecondAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                await gate.WaitAsync(stop.Token);
                try
                {
                    if (!unsynced) continue;
                    await segment.FlushAsync(stop.Token);
                    segment.Flush(flushToDisk: true);
                    unsynced = false;
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: the last flush is DisposeAsync's.
        }
    }

    private FileStream OpenSegment(int number) =>
        new(DataFiles.Segment(directory, number), FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);

    private static byte[] Record(IReadOnlyList<CareEvent> events)
    {
        var w = new PackWriter(64 + (events.Count * 80));
        try
        {
            w.WriteVarint((ulong)events.Count);
            foreach (var e in events)
            {
                w.WriteString(e.Id);
                w.WriteByte((byte)e.Kind);
                w.WriteString(e.Brand);
                w.WriteString(e.Channel);
                w.WriteString(e.ConversationId);
                // The complaint flag rides in the direction's byte (EventCode's bit): records written before it read as none.
                w.WriteByte(EventCode.Of(EventKind.Message, e.Direction, e.Complaint, e.Extras is not null));
                w.WriteInt64(e.Timestamp);
                w.WriteInt64((long)e.Digest);
                if (e.Extras is { } extras) w.WriteBytes(extras.ToBytes());
            }
            var payload = w.Written;
            var record = new byte[HeaderBytes + payload.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(record, Magic);
            BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(4), payload.Length);
            payload.CopyTo(record.AsSpan(HeaderBytes));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(8), Checksum(record));
            return record;
        }
        finally
        {
            w.Dispose();
        }
    }

    // The CRC covers the length and the payload: a damaged length is caught too.
    private static uint Checksum(ReadOnlySpan<byte> record)
    {
        var crc = new Crc32();
        crc.Append(record.Slice(4, 4));
        crc.Append(record[HeaderBytes..]);
        return crc.GetCurrentHashAsUInt32();
    }

    private static List<CareEvent> ReadPayload(ReadOnlySpan<byte> payload)
    {
        var r = new PackReader(payload);
        var count = (int)r.ReadVarint();
        var events = new List<CareEvent>(count);
        for (var i = 0; i < count; i++)
        {
            var id = r.ReadString();
            var kind = (EventKind)r.ReadByte();
            var brand = r.ReadString();
            var channel = r.ReadString();
            var conversationId = r.ReadString();
            var (_, direction, complaint, hasExtras) = EventCode.Parse(r.ReadByte());
            var timestamp = r.ReadInt64();
            var digest = (ulong)r.ReadInt64();
            var extras = hasExtras ? MessageExtras.Read(r.ReadUtf8()) : null;
            events.Add(new CareEvent(id, kind, brand, channel, conversationId, direction, timestamp, digest, complaint, extras));
        }
        return events;
    }

    /// <summary>A segment's good records (payload start and length), and where a torn last write begins.</summary>
    private sealed record Checked(List<(int Start, int Length)> Ranges, long? CutAt);

    private static Checked Check(string path, bool last)
    {
        var bytes = File.ReadAllBytes(path);
        var ranges = new List<(int, int)>();
        var at = 0;
        while (at < bytes.Length)
        {
            if (TryRecord(bytes, at, out var length))
            {
                ranges.Add((at + HeaderBytes, length));
                at += HeaderBytes + length;
                continue;
            }
            if (last && !AnyRecordAfter(bytes, at + 1)) return new Checked(ranges, at);
            throw new InvalidDataException(
                $"Event log {path} is damaged at byte {at:N0} of {bytes.Length:N0}, before records that were acknowledged " +
                "(not a torn last write). Nothing was changed. Restore the segment from a backup, or move it and the later " +
                "segments out of the data directory to start without them.");
        }
        return new Checked(ranges, null);
    }

    private static bool TryRecord(byte[] bytes, int at, out int length)
    {
        length = 0;
        var rest = bytes.AsSpan(at);
        if (rest.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(rest) != Magic) return false;
        length = BinaryPrimitives.ReadInt32LittleEndian(rest[4..]);
        if (length < 0 || length > MaxRecordBytes || length > rest.Length - HeaderBytes) return false;
        return BinaryPrimitives.ReadUInt32LittleEndian(rest[8..]) == Checksum(rest[..(HeaderBytes + length)]);
    }

    private static bool AnyRecordAfter(byte[] bytes, int from)
    {
        Span<byte> magic = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(magic, Magic);
        for (var at = from; at < bytes.Length;)
        {
            var next = bytes.AsSpan(at).IndexOf(magic);
            if (next < 0) return false;
            if (TryRecord(bytes, at + next, out _)) return true;
            at += next + 1;
        }
        return false;
    }
}
