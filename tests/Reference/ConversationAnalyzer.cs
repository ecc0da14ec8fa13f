namespace Analytics.Tests.Reference;

/// <summary>Walks one conversation's messages exactly as spec section 2 words it.</summary>
public static class ConversationAnalyzer
{
    public static ConversationFacts Analyze(IEnumerable<RefEvent> messages)
    {
        // Order by (timestamp, id ordinal): an outbound whose id sorts first at an equal
        // timestamp comes before the inbound and therefore does not answer it.
        var ordered = messages
            .OrderBy(m => m.Micros)
            .ThenBy(m => m.Id, StringComparer.Ordinal)
            .ToList();

        long? t0 = null;
        string? channel = null;
        long? frt = null;
        long? waitingSince = null;
        var complaint = false;
        var responses = new List<ResponseEntry>();
        foreach (var m in ordered)
        {
            if (m.Inbound)
            {
                // A complaint counts while the customer still waits for the brand's first answer.
                complaint |= m.Complaint && frt is null;
                if (t0 is null)
                {
                    t0 = m.Micros;
                    channel = m.Channel;
                }

                // A second inbound while waiting does not restart the clock.
                waitingSince ??= m.Micros;
            }
            else if (waitingSince is { } start)
            {
                responses.Add(new ResponseEntry(m.Channel, m.Micros, m.Micros - start));
                // A waiting period only starts at an inbound, so t0 is set here.
                frt ??= m.Micros - t0!.Value;
                waitingSince = null;
            }

            // An outbound with no waiting period running (e.g. before t0) is not a response.
        }

        // A reply with text is followed up when the customer writes again later in the conversation.
        var replies = ordered
            .Select((m, i) => (m, i))
            .Where(x => !x.m.Inbound && x.m.Sketch is not null)
            .Select(x => new ReplyFact(x.m.Id, x.m.Channel, x.m.Micros, x.m.Sketch!.Value, ordered.Skip(x.i + 1).Any(later => later.Inbound)))
            .ToList();
        var author = ordered.FirstOrDefault(m => m.Inbound)?.AuthorKey ?? 0;
        return new ConversationFacts(t0, channel, frt, responses, waitingSince, complaint, replies, author);
    }
}
