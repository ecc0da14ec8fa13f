using Analytics.Models;

namespace Analytics.Text;

/// <summary>What ingest derives from a message's author and text, the same on every path (NDJSON, twcs.csv, generated traffic).</summary>
public static class TextFacts
{
    /// <summary>
    /// Whether the message is a complaint (a customer's text judged by <see cref="ComplaintLexicon"/>),
    /// and its extras: a brand reply's <see cref="ReplySketch"/>, the author's key, the author and the
    /// text. No extras for a message with neither author nor text.
    /// </summary>
    public static (bool Complaint, MessageExtras? Extras) Of(Direction direction, string? author, string? text)
    {
        if (author is null && text is null) return (false, null);
        var complaint = direction == Direction.Inbound && text is not null && ComplaintLexicon.Shared.IsComplaint(text);
        var sketch = direction == Direction.Outbound && text is not null ? ReplySketches.Of(text) : null;
        return (complaint, new MessageExtras(sketch, author is null ? 0 : AuthorKeys.Of(author), author, text));
    }
}
