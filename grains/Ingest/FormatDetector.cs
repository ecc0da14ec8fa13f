using System.Text;

namespace Analytics.Ingest;

/// <summary>Tells an NDJSON event file from a twcs.csv file by its first non-blank line.</summary>
public static class FormatDetector
{
    /// <summary>Bytes read from a file: enough for any header line, and a JSON line only needs its first character.</summary>
    public const int HeadLength = 1 << 16;

    /// <summary>Detects the format of the file at <paramref name="path"/> from its first bytes.</summary>
    public static InputFormat Detect(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var head = new byte[HeadLength];
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return Detect(head.AsSpan(0, length));
    }

    /// <summary>
    /// Detects the format from a file's first bytes (UTF-8, an optional BOM): a first non-blank line
    /// starting with '{' is NDJSON; a header line naming the columns tweet_id and author_id is twcs CSV.
    /// </summary>
    public static InputFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("\uFEFF"u8))
        {
            head = head[3..];
        }

        // Skip blank lines (and leading spaces) before the first meaningful line.
        head = head.TrimStart(" \t\r\n"u8);
        if (head.IsEmpty)
        {
            return InputFormat.Unknown;
        }

        if (head[0] == (byte)'{')
        {
            return InputFormat.Ndjson;
        }

        var end = head.IndexOfAny((byte)'\r', (byte)'\n');
        var line = Encoding.UTF8.GetString(end < 0 ? head : head[..end]);
        var hasTweetId = false;
        var hasAuthorId = false;
        foreach (var column in line.Split(','))
        {
            var name = column.Trim().Trim('"').Trim();
            hasTweetId |= name.Equals("tweet_id", StringComparison.OrdinalIgnoreCase);
            hasAuthorId |= name.Equals("author_id", StringComparison.OrdinalIgnoreCase);
        }

        return hasTweetId && hasAuthorId ? InputFormat.TwcsCsv : InputFormat.Unknown;
    }
}
