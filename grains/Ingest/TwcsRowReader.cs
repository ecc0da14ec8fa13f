using System.Text;

namespace Analytics.Ingest;

/// <summary>
/// Reads twcs.csv row by row: finds the columns by their header names (any order, extra columns
/// such as a leading unnamed index ignored), skips blank lines, and parses and validates each row.
/// Both import passes read through it, so a row is valid in pass 2 exactly when it was in pass 1.
/// </summary>
internal sealed class TwcsRowReader : IDisposable
{
    /// <summary>ParentId of a tweet that answers nothing.</summary>
    public const long NoParent = -1;

    private static readonly string[] RequiredColumns = ["tweet_id", "author_id", "inbound", "created_at", "text", "in_response_to_tweet_id"];

    private readonly CsvRecordReader csv;
    private readonly int headerFields;
    private readonly int tweetId;
    private readonly int authorId;
    private readonly int inbound;
    private readonly int createdAt;
    private readonly int text;
    private readonly int inResponseTo;
    private readonly int responses;

    public TwcsRowReader(Stream stream)
    {
        csv = new CsvRecordReader(new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));
        try
        {
            var columns = ReadHeader();
            headerFields = csv.FieldCount;
            this.tweetId = columns["tweet_id"];
            authorId = columns["author_id"];
            this.inbound = columns["inbound"];
            this.createdAt = columns["created_at"];
            text = columns["text"];
            this.inResponseTo = columns["in_response_to_tweet_id"];
            // Not needed to build trees (in_response_to_tweet_id is), but validated when present.
            responses = columns.GetValueOrDefault("response_tweet_id", -1);
        }
        catch
        {
            csv.Dispose();
            throw;
        }
    }

    /// <summary>1-based physical line on which the current row starts.</summary>
    public long Line => csv.LineNumber;

    /// <summary>Why the current row is rejected (naming the column), or null for a valid row.</summary>
    public string? RejectReason { get; private set; }

    public long TweetId { get; private set; }

    /// <summary>in_response_to_tweet_id, or <see cref="NoParent"/>.</summary>
    public long ParentId { get; private set; }

    public bool Inbound { get; private set; }

    /// <summary>created_at in UTC microseconds.</summary>
    public long Timestamp { get; private set; }

    public ReadOnlySpan<char> Author => csv[authorId].Trim();

    public ReadOnlySpan<char> Text => csv[text];

    /// <summary>Advances to the next non-blank row, valid or not.</summary>
    public bool Read()
    {
        while (csv.Read())
        {
            if (csv.Error is null && csv.FieldCount == 1 && csv[0].IsWhiteSpace())
            {
                continue;
            }

            RejectReason = Validate();
            return true;
        }

        return false;
    }

    public void Dispose() => csv.Dispose();

    private Dictionary<string, int> ReadHeader()
    {
        bool found;
        while ((found = csv.Read()) && csv.Error is null && csv.FieldCount == 1 && csv[0].IsWhiteSpace())
        {
        }

        if (!found)
        {
            throw new InvalidDataException("twcs: the file is empty; expected a header row naming " + string.Join(", ", RequiredColumns) + ".");
        }

        if (csv.Error is { } error)
        {
            throw new InvalidDataException($"twcs: line {csv.LineNumber}: header row malformed: {error}.");
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < csv.FieldCount; i++)
        {
            var name = csv[i].Trim().ToString();
            if (name.Length > 0 && !columns.TryAdd(name, i))
            {
                throw new InvalidDataException($"twcs: line {csv.LineNumber}: header names column '{name}' twice.");
            }
        }

        var missing = RequiredColumns.Where(name => !columns.ContainsKey(name)).ToArray();
        if (missing.Length > 0)
        {
            throw new InvalidDataException($"twcs: line {csv.LineNumber}: header lacks column(s) {string.Join(", ", missing)}.");
        }

        return columns;
    }

    private string? Validate()
    {
        if (csv.Error is { } error)
        {
            return $"record malformed: {error}";
        }

        // A different count means an unquoted comma or a lost quote shifted the columns: nothing in the row can be trusted.
        if (csv.FieldCount != headerFields)
        {
            return $"field count invalid: {csv.FieldCount}, header has {headerFields}";
        }

        var tweetId = csv[this.tweetId];
        if (TwcsValues.IsAbsent(tweetId))
        {
            return "tweet_id missing";
        }

        if (!TwcsValues.TryParseId(tweetId, out var id))
        {
            return $"tweet_id invalid: {TwcsValues.Quote(tweetId)}";
        }

        if (Author.IsEmpty)
        {
            return "author_id missing";
        }

        var inbound = csv[this.inbound];
        if (inbound.IsWhiteSpace())
        {
            return "inbound missing";
        }

        if (!TwcsValues.TryParseInbound(inbound, out var isInbound))
        {
            return $"inbound invalid: {TwcsValues.Quote(inbound)}";
        }

        var createdAt = csv[this.createdAt];
        if (createdAt.IsWhiteSpace())
        {
            return "created_at missing";
        }

        if (!TwcsValues.TryParseCreatedAt(createdAt, out var timestamp))
        {
            return $"created_at invalid: {TwcsValues.Quote(createdAt)}";
        }

        var parent = NoParent;
        var inResponseTo = csv[this.inResponseTo];
        if (!TwcsValues.IsAbsent(inResponseTo) && !TwcsValues.TryParseId(inResponseTo, out parent))
        {
            return $"in_response_to_tweet_id invalid: {TwcsValues.Quote(inResponseTo)}";
        }

        if (responses >= 0 && !AreIds(csv[responses]))
        {
            return $"response_tweet_id invalid: {TwcsValues.Quote(csv[responses])}";
        }

        TweetId = id;
        ParentId = parent;
        Inbound = isInbound;
        Timestamp = timestamp;
        return null;
    }

    /// <summary>Empty, or ids separated by commas ("5,7"; empty entries tolerated).</summary>
    private static bool AreIds(ReadOnlySpan<char> value)
    {
        foreach (var part in value.Split(','))
        {
            if (!TwcsValues.IsAbsent(value[part]) && !TwcsValues.TryParseId(value[part], out _))
            {
                return false;
            }
        }

        return true;
    }
}
