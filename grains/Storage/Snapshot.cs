using System.Buffers.Binary;
using System.IO.Hashing;
using Analytics.Domain.Packing;

namespace Analytics.Storage;

/// <summary>
/// Embedded mode's compacted history: every conversation's stored state (its grain key and stored
/// bytes) after the event log's segments up to <see cref="LastSegment"/>, and the ingest totals
/// they made, in <c>snapshot-NNNNNN.bin</c>. Loading it restores what those segments would, from
/// the conversations rather than their events. The file is <c>[magic "ASN1"][accepted][repeated
/// ids][conflicting copies]</c>, records <c>[key length][key][state length][state]</c>, a zero
/// length, and a CRC-32 of all before it; it is written beside the log and renamed into place, so
/// a crash leaves the old snapshot or the new one, never half of one.
/// </summary>
/// <param name="LastSegment">The last event log segment the snapshot holds.</param>
/// <param name="Accepted">Events accepted up to then.</param>
/// <param name="Duplicates">Of those, events whose id was already held.</param>
/// <param name="ConflictingDuplicates">Of those, copies with another payload.</param>
public sealed record Snapshot(int LastSegment, long Accepted, long Duplicates, long ConflictingDuplicates)
{
    private const uint Magic = 0x314E5341; // "ASN1", little-endian

    /// <summary>Writes a snapshot; <paramref name="dump"/> hands each record to the writer it is given. Older snapshots and the segments it holds are removed afterwards.</summary>
    public void Write(string directory, Action<Action<ReadOnlySpan<byte>, ReadOnlySpan<byte>>> dump)
    {
        ArgumentNullException.ThrowIfNull(dump);
        var path = DataFiles.Snapshot(directory, LastSegment);
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var crc = new Crc32();
            void Put(ReadOnlySpan<byte> bytes)
            {
                crc.Append(bytes);
                file.Write(bytes);
            }
            Span<byte> header = stackalloc byte[28];
            BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
            BinaryPrimitives.WriteInt64LittleEndian(header[4..], Accepted);
            BinaryPrimitives.WriteInt64LittleEndian(header[12..], Duplicates);
            BinaryPrimitives.WriteInt64LittleEndian(header[20..], ConflictingDuplicates);
            Put(header);
            var length = new byte[10];
            void PutLength(int value)
            {
                var n = 0;
                var v = (uint)value;
                for (; v >= 0x80; v >>= 7) length[n++] = (byte)(v | 0x80);
                length[n++] = (byte)v;
                Put(length.AsSpan(0, n));
            }
            // Lengths as PackReader.ReadUtf8 reads them (varints).
            dump((key, value) =>
            {
                PutLength(key.Length);
                Put(key);
                PutLength(value.Length);
                Put(value);
            });
            Put([0]);
            Span<byte> sum = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(sum, crc.GetCurrentHashAsUInt32());
            file.Write(sum);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        foreach (var old in DataFiles.Snapshots(directory).Where(s => s.Number < LastSegment)) File.Delete(old.Path);
        foreach (var segment in DataFiles.Segments(directory).Where(s => s.Number <= LastSegment)) File.Delete(segment.Path);
    }

    /// <summary>
    /// Opens the newest snapshot in <paramref name="directory"/> after verifying the whole file's
    /// checksum; its records (grain key, stored state) are read as they are enumerated. Null when
    /// there is none.
    /// </summary>
    /// <exception cref="InvalidDataException">The snapshot is damaged: the files are left as they are.</exception>
    public static (Snapshot Snapshot, IEnumerable<(byte[] Key, byte[] State)> Records)? Load(string directory)
    {
        if (!Directory.Exists(directory)) return null;
        foreach (var stale in DataFiles.UnfinishedSnapshots(directory)) File.Delete(stale);
        if (DataFiles.Snapshots(directory) is not { Count: > 0 } snapshots) return null;
        var (newest, lastSegment) = snapshots[^1];
        var bytes = File.ReadAllBytes(newest);
        if (bytes.Length < 33 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic
            || BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(bytes.Length - 4)) != Crc32.HashToUInt32(bytes.AsSpan(0, bytes.Length - 4)))
        {
            throw new InvalidDataException(
                $"Snapshot {newest} is damaged (its checksum does not match). Nothing was changed. Restore it from a backup; " +
                "the event log segments it replaced are gone, so starting without it would lose their events.");
        }
        var snapshot = new Snapshot(
            lastSegment,
            BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4)),
            BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12)),
            BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(20)));
        return (snapshot, Records(bytes));
    }

    private static IEnumerable<(byte[] Key, byte[] State)> Records(byte[] bytes)
    {
        var at = 28;
        while (true)
        {
            var key = Next(bytes, ref at);
            if (key.Length == 0) yield break;
            yield return (key, Next(bytes, ref at));
        }
    }

    // A varint length and that many bytes.
    private static byte[] Next(byte[] bytes, ref int at)
    {
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80) break;
        }
        var value = bytes.AsSpan(at, length).ToArray();
        at += length;
        return value;
    }
}
