using System.Globalization;
using Analytics.Ingest;
using Analytics.Models;

namespace Analytics.Simulation;

/// <summary>
/// Traffic into a known set of open conversations, for measurements that need exact counts:
/// memory per conversation, and a sustained live rate into conversations whose grains are warm.
/// Conversation k belongs to brand k mod brands; opening gives each 3 or 4 messages (3.5 on
/// average, like twcs.csv); later messages go round robin, alternating customer and brand.
/// </summary>
public sealed class OpenConversationTraffic
{
    private readonly string[] brands;
    private readonly string prefix;
    private readonly byte[] sent;
    // With text: each message gets an author and a text like a real mention (MessageTexts).
    private readonly Random? text;
    private long eventIds;
    private int cursor;

    /// <summary>Traffic over <paramref name="conversations"/> conversations of <paramref name="brandCount"/> brands; ids start with <paramref name="prefix"/>; <paramref name="withText"/> gives messages authors and texts.</summary>
    public OpenConversationTraffic(int conversations, int brandCount, string prefix, bool withText = false)
    {
        text = withText ? new Random(conversations) : null;
        ArgumentOutOfRangeException.ThrowIfLessThan(conversations, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(brandCount, 1);
        brands = [.. Enumerable.Range(0, brandCount).Select(b => "Open" + b.ToString("D4", CultureInfo.InvariantCulture))];
        this.prefix = prefix;
        sent = new byte[conversations];
    }

    /// <summary>Number of conversations.</summary>
    public int Conversations => sent.Length;

    /// <summary>The brands of these conversations.</summary>
    public IReadOnlyList<string> Brands => brands;

    /// <summary>Messages that open every conversation, all at <paramref name="timestamp"/> plus a microsecond per message.</summary>
    public IEnumerable<CareEvent> Opening(long timestamp)
    {
        for (var k = 0; k < sent.Length; k++)
        {
            var messages = 3 + (k & 1);
            for (var m = 0; m < messages; m++) yield return Next(k, timestamp++);
        }
    }

    /// <summary>The next message, round robin over the conversations, at <paramref name="timestamp"/>.</summary>
    public CareEvent Next(long timestamp)
    {
        var k = cursor;
        cursor = cursor + 1 == sent.Length ? 0 : cursor + 1;
        return Next(k, timestamp);
    }

    private CareEvent Next(int k, long timestamp)
    {
        // Alternating: even messages from the customer, odd ones from the brand.
        var direction = (sent[k] & 1) == 0 ? Direction.Inbound : Direction.Outbound;
        sent[k]++;
        var e = new CareEvent(
            prefix + (++eventIds).ToString(CultureInfo.InvariantCulture),
            EventKind.Message,
            brands[k % brands.Length],
            "twitter",
            prefix + "o" + k.ToString(CultureInfo.InvariantCulture),
            direction,
            timestamp,
            0);
        // Every third conversation's customer complains; the customer writes the even messages.
        return text is null
            ? e with { Digest = CanonicalJson.DigestOf(e) }
            : MessageTexts.Attach(text, e, "customer" + k.ToString(CultureInfo.InvariantCulture), complains: k % 3 == 0, (sent[k] - 1) / 2);
    }
}
