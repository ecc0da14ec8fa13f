using System.Globalization;

namespace Analytics.Storage;

/// <summary>
/// The names of embedded mode's data files, each numbered by an event log segment: the log's
/// <c>events-NNNNNN.log</c> (<see cref="EventLog"/>) and the snapshots <c>snapshot-NNNNNN.bin</c>,
/// which hold everything up to that segment (<see cref="Snapshot"/>). One place, so the log and
/// the snapshot that folds it agree on them.
/// </summary>
internal static class DataFiles
{
    private const string SegmentPrefix = "events-", SegmentExtension = ".log";
    private const string SnapshotPrefix = "snapshot-", SnapshotExtension = ".bin";

    /// <summary>The path of segment <paramref name="number"/>.</summary>
    public static string Segment(string directory, int number) => Path.Combine(directory, Name(SegmentPrefix, number, SegmentExtension));

    /// <summary>The path of the snapshot holding segments up to <paramref name="lastSegment"/>.</summary>
    public static string Snapshot(string directory, int lastSegment) => Path.Combine(directory, Name(SnapshotPrefix, lastSegment, SnapshotExtension));

    /// <summary>The segments in <paramref name="directory"/>, by number.</summary>
    public static List<(string Path, int Number)> Segments(string directory) => Numbered(directory, SegmentPrefix, SegmentExtension);

    /// <summary>The snapshots in <paramref name="directory"/>, by number.</summary>
    public static List<(string Path, int Number)> Snapshots(string directory) => Numbered(directory, SnapshotPrefix, SnapshotExtension);

    /// <summary>Snapshots a crash left half written (they were never renamed into place).</summary>
    public static string[] UnfinishedSnapshots(string directory) => Directory.GetFiles(directory, SnapshotPrefix + "*" + SnapshotExtension + ".tmp");

    private static string Name(string prefix, int number, string extension) => $"{prefix}{number:D6}{extension}";

    private static List<(string Path, int Number)> Numbered(string directory, string prefix, string extension) =>
    [
        .. Directory.GetFiles(directory, prefix + "*" + extension)
            .Select(path => (Path: path, Number: int.TryParse(System.IO.Path.GetFileNameWithoutExtension(path).AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1))
            .Where(file => file.Number >= 0)
            .OrderBy(file => file.Number),
    ];
}
