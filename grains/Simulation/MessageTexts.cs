using System.Globalization;
using System.Text;
using Analytics.Ingest;
using Analytics.Models;
using Analytics.Text;

namespace Analytics.Simulation;

/// <summary>
/// Text for generated traffic that reads like mentions of a brand on social channels: customers
/// complain (a service that failed, how long it took, how it felt), ask, nudge and thank, in one
/// to five sentences; brands answer with a few templates of their own (a name and a number filled
/// in: canned) or a reply written for the case. Lengths vary from a word to a few hundred
/// characters, as in twcs.csv. The complaint flag, reply sketch and author key are derived exactly
/// as ingest derives them, so an event generated in process equals the same event parsed from the
/// generated file.
/// </summary>
internal static class MessageTexts
{
    private static readonly string[] Things = ["order", "parcel", "refund", "router", "phone", "bill", "flight", "booking", "card", "account", "app", "delivery"];

    private static readonly string[] Failures =
    [
        "my {thing} still hasn't arrived", "my {thing} never arrived", "the {thing} doesn't work", "I was charged twice for my {thing}",
        "my {thing} was cancelled without any warning", "the {thing} keeps crashing", "nobody answers about my {thing}", "my {thing} is broken",
        "I've been on hold for an hour about my {thing}", "the {thing} was delayed again",
    ];

    private static readonly string[] Feelings =
    [
        "This is ridiculous.", "Really disappointed.", "Worst service ever.", "Absolutely unacceptable.", "So annoyed right now.",
        "Not happy at all.", "Sort it out please.", "Third time this month!",
    ];

    private static readonly string[] Questions =
    [
        "do you ship to Canada?", "what time does the store open on Sunday?", "can I change the address on my {thing}?",
        "is there a student discount?", "how do I update my {thing} details?", "when does the sale start?",
        "can I add a bag to my {thing}?", "where can I find the manual for my {thing}?",
    ];

    private static readonly string[] Details =
    [
        "Order number is {n}.", "Been waiting {days} days.", "I already sent the details twice.", "Tried restarting it, no luck.",
        "My neighbour has the same problem.", "Please get back to me.", "Reference {n}.",
    ];

    private static readonly string[] Nudges = ["hello?", "any update?", "still waiting...", "anyone there?", "??", "can someone please reply"];

    private static readonly string[] Thanks = ["thanks!", "great, thank you", "cheers, all sorted now", "thank you so much, that fixed it", "ok thanks"];

    private static readonly string[] Templates =
    [
        "Hi {name}, we're sorry to hear that. Please DM us your order number and we'll look into it right away.",
        "Thanks for reaching out {name}! Our team is looking into case {n} and will get back to you shortly.",
        "We have forwarded your comments to our leadership team, {name}. Reference {n}.",
        "Hi {name}, sorry for the trouble. Have you tried restarting it? Let us know how it goes!",
        "Hey {name}, that's not the experience we want for you. Can you send us a DM with your account email?",
    ];

    // A reply written for the case: three of these, in any order, with its own specifics.
    private static readonly string[] Clauses =
    [
        "I've checked case {n} myself", "the {thing} was sent to the wrong depot", "a courier will bring it tomorrow morning",
        "I've credited your account with {days} pounds", "an engineer is booked for Thursday between 8 and 12", "that one is on us",
        "the issue was a billing error on our side", "refund {n} is on its way", "the store opens at 10 on Sundays",
        "we ship there and it takes about {days} days", "I've moved your {thing} to the new address", "your confirmation is updated",
        "the outage in your area ended at {days} pm", "I've escalated this to the network team", "your {thing} is covered by the warranty",
        "the replacement left our warehouse today",
    ];

    private static readonly string[] Vocabulary =
    [
        "looked", "into", "your", "account", "and", "found", "the", "problem", "with", "last", "week's", "payment", "it", "seems",
        "our", "system", "did", "not", "pick", "up", "change", "you", "made", "online", "so", "I", "have", "fixed", "that", "by", "hand",
        "now", "should", "see", "correct", "balance", "tomorrow", "morning", "also", "added", "note", "make", "sure", "this", "won't",
        "happen", "again", "colleague", "in", "branch", "will", "call", "today", "between", "two", "four", "checked", "tracking", "van",
        "left", "depot", "late", "because", "of", "snow", "driver", "knows", "to", "leave", "parcel", "next", "door", "if", "out",
        "spoke", "warehouse", "team", "they", "confirmed", "replacement", "ships", "first", "thing", "Monday", "express", "free",
    ];

    private static readonly string[] Names = ["Anna", "Tom", "Priya", "Lee", "Mohammed", "Chloe", "Sam", "Wei", "Olu", "Maria", "Jack", "Aisha"];

    /// <summary>
    /// <paramref name="e"/> with a text and author that fit its place in the conversation, and what
    /// ingest derives from them (complaint, sketch, author key), with its digest recomputed.
    /// </summary>
    /// <param name="rng">The generator's random source.</param>
    /// <param name="e">The event as planned.</param>
    /// <param name="customer">The customer's handle (the conversation's author).</param>
    /// <param name="complains">Whether this customer's messages are complaints.</param>
    /// <param name="messageIndex">0 for the customer's first message, more for nudges and later messages.</param>
    public static CareEvent Attach(Random rng, CareEvent e, string customer, bool complains, int messageIndex)
    {
        string? text = null;
        var author = e.Direction == Direction.Outbound ? e.Brand : customer;
        if (e.Kind == EventKind.Message)
        {
            text = e.Direction == Direction.Inbound ? Inbound(rng, e.Brand, complains, messageIndex) : Outbound(rng, customer);
        }
        var (complaint, extras) = TextFacts.Of(e.Direction, author, text);
        var withText = e with { Complaint = complaint, Extras = extras };
        return withText with { Digest = CanonicalJson.DigestOf(withText, author, text) };
    }

    private static string Inbound(Random rng, string brand, bool complains, int messageIndex)
    {
        if (messageIndex > 0) return rng.Next(3) == 0 ? Pick(rng, Thanks) : Pick(rng, Nudges);
        var thing = Pick(rng, Things);
        var text = new StringBuilder("@").Append(brand).Append(' ');
        text.Append(Fill(rng, complains ? Pick(rng, Failures) : Pick(rng, Questions), thing));
        if (complains) text.Append(". ").Append(Pick(rng, Feelings));
        for (var extra = rng.Next(complains ? 4 : 2); extra > 0; extra--) text.Append(' ').Append(Fill(rng, Pick(rng, Details), thing));
        return text.ToString();
    }

    private static string Outbound(Random rng, string customer)
    {
        var thing = Pick(rng, Things);
        if (rng.Next(5) < 3) return "@" + customer + " " + Fill(rng, Pick(rng, Templates), thing);
        // Words of its own around a clause or two: written for this customer, like no other reply.
        var words = Enumerable.Range(0, rng.Next(4, 14)).Select(_ => Pick(rng, Vocabulary));
        var clauses = Enumerable.Range(0, rng.Next(1, 3)).Select(_ => Fill(rng, Pick(rng, Clauses), thing));
        return "@" + customer + " " + Fill(rng, "{name}, ", thing) + string.Join(' ', words) + ": " + string.Join(", ", clauses) + ".";
    }

    private static string Fill(Random rng, string format, string thing) => format
        .Replace("{name}", Pick(rng, Names), StringComparison.Ordinal)
        .Replace("{thing}", thing, StringComparison.Ordinal)
        .Replace("{n}", rng.Next(10000, 9999999).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{days}", rng.Next(2, 9).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string Pick(Random rng, string[] choices) => choices[rng.Next(choices.Length)];
}
