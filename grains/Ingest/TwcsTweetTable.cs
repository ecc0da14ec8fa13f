namespace Analytics.Ingest;

/// <summary>
/// What pass 1 keeps of each valid tweet: a few numbers, never the text. The @handles of a text are
/// needed only for the root of a tree without outbound tweets, so only for inbound tweets; they are
/// kept for every inbound tweet, as interned ints, because which tweets are roots is known only at
/// the end of the pass (in twcs.csv replies often come before the tweets they answer).
/// </summary>
internal sealed class TwcsTweetTable
{
    private readonly ChunkedList<int> handleStarts = new();
    private readonly ChunkedList<int> handles = new();

    public ChunkedList<long> Ids { get; } = new();

    /// <summary>in_response_to_tweet_id, or <see cref="TwcsRowReader.NoParent"/>.</summary>
    public ChunkedList<long> Parents { get; } = new();

    /// <summary>UTC microseconds.</summary>
    public ChunkedList<long> Times { get; } = new();

    /// <summary>Author ids in <see cref="AuthorNames"/>.</summary>
    public ChunkedList<int> Authors { get; } = new();

    public ChunkedList<bool> Outbound { get; } = new();

    /// <summary>author_id spellings, compared exactly.</summary>
    public NamePool AuthorNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Handles from texts, compared case-insensitively as Twitter does.</summary>
    public NamePool HandleNames { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int Count => Ids.Count;

    public void Add(TwcsRowReader row)
    {
        Ids.Add(row.TweetId);
        Parents.Add(row.ParentId);
        Times.Add(row.Timestamp);
        Authors.Add(AuthorNames.Intern(row.Author));
        Outbound.Add(!row.Inbound);
        handleStarts.Add(handles.Count);
        if (!row.Inbound)
        {
            // A tree holding an outbound tweet takes its brand from it: an outbound root's handles are never read.
            // Skipping them also keeps the customers mentioned by brands out of the handle pool.
            return;
        }

        var text = row.Text;
        var position = 0;
        while (TwcsValues.TryFindHandle(text, ref position, out var handle))
        {
            handles.Add(HandleNames.Intern(text[handle]));
        }
    }

    /// <summary>The @handles of a tweet's text, in order.</summary>
    public IEnumerable<string> HandlesOf(int tweet)
    {
        var end = tweet + 1 < Count ? handleStarts[tweet + 1] : handles.Count;
        for (var i = handleStarts[tweet]; i < end; i++)
        {
            yield return HandleNames[handles[i]];
        }
    }

    /// <summary>Whether tweet <paramref name="a"/> comes before <paramref name="b"/> by (time, tweet id as a number, row).</summary>
    public bool IsEarlier(int a, int b)
    {
        var byTime = Times[a].CompareTo(Times[b]);
        if (byTime != 0)
        {
            return byTime < 0;
        }

        var byId = Ids[a].CompareTo(Ids[b]);
        return byId != 0 ? byId < 0 : a < b;
    }
}
