using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Analytics.Tests.Reference;

/// <summary>
/// One generated NDJSON line each, leaving out defaulted fields now and then and adding optional
/// and unknown ones, so the engine's parser sees the variety section 1 allows.
/// </summary>
public static class EventLines
{
    private static readonly string[] Channels = ["twitter", "facebook", "email"];

    // Complaints and other messages, so that conversations of both kinds (and complaints after the
    // first response, which do not count) occur; an outbound complaint is not a customer's.
    private static readonly string[] InboundTexts =
    [
        "any news on my order?",
        "my order still hasn't arrived, this is ridiculous",
        "thanks, that sorted it",
        "worst service ever, I have been waiting for hours",
        "do you ship to Canada?",
        "the app keeps crashing \u2014 please fix it",
        "I\u2019m not happy with the replacement",
        "love the new store!",
    ];

    // Templates with a name and a number filled in (canned), and replies made of random words (personal).
    private static readonly string[] Templates =
    [
        "Hi {0}, we're sorry to hear that. Please DM us your order number {1} and we'll look into it right away.",
        "Thanks for reaching out {0}! Our team is looking into case {1} and will get back to you shortly.",
        "This is terrible {0}, we are so sorry your order {1} never arrived.",
    ];

    private static readonly string[] Names = ["Anna", "Tom", "@jo_b", "Priya", "Lee"];

    private static readonly string[] Words =
    [
        "parcel", "router", "engineer", "window", "tuesday", "refund", "voucher", "manager", "branch", "driver", "screen", "battery",
        "invoice", "platform", "signal", "kettle", "jacket", "upgrade", "booking", "lounge", "password", "address", "meter", "seat",
    ];

    private static string Reply(Random rng)
    {
        if (rng.Next(3) > 0) return string.Format(System.Globalization.CultureInfo.InvariantCulture, Templates[rng.Next(Templates.Length)], Names[rng.Next(Names.Length)], rng.Next(1, 99999));
        return string.Join(' ', Enumerable.Range(0, rng.Next(3, 12)).Select(_ => Words[rng.Next(Words.Length)]));
    }

    // Write "+02:00" as is: the default encoder's "\u002B" is valid JSON but hides the offset from readers.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Message(
        Random rng, string id, string brand, string channel, string conversationId, bool inbound, long t, string? previous)
    {
        var o = new JsonObject { ["id"] = id };
        if (rng.Next(5) > 0)
        {
            o["kind"] = "message"; // the default, so sometimes left out
        }

        o["brand"] = brand;
        if (channel != "twitter" || rng.Next(3) > 0)
        {
            o["channel"] = channel; // twitter is the default, so sometimes left out
        }

        o["conversationId"] = conversationId;
        if (rng.Next(10) < 7)
        {
            o["author"] = inbound ? $"cust-{brand}-{conversationId}" : brand;
        }

        o["direction"] = inbound ? "inbound" : "outbound";
        o["timestamp"] = TimestampWriter.Write(t, rng);
        if (rng.Next(3) > 0)
        {
            o["text"] = inbound ? $"@{brand} {InboundTexts[rng.Next(InboundTexts.Length)]}" : Reply(rng);
        }

        if (previous is not null && rng.Next(5) < 2)
        {
            o["inReplyTo"] = previous;
        }

        if (rng.Next(10) == 0)
        {
            o["lang"] = "en"; // unknown fields must be ignored
        }

        return o.ToJsonString(Json);
    }

    public static string Follow(Random rng, string id, string brand, bool follow, long t, string? author = null)
    {
        var o = new JsonObject
        {
            ["id"] = id,
            ["kind"] = follow ? "follow" : "unfollow",
            ["brand"] = brand,
        };
        if (author is not null)
        {
            o["author"] = author;
        }

        if (rng.Next(2) == 0)
        {
            o["channel"] = Channels[rng.Next(Channels.Length)];
        }

        o["timestamp"] = TimestampWriter.Write(t, rng);
        return o.ToJsonString(Json);
    }
}
