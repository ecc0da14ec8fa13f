using Analytics.Models;
using Analytics.Text;
using Xunit.Abstractions;

namespace Analytics.Tests.Text;

public class ReplySketchesTests(ITestOutputHelper output)
{
    // Templates as brands write them, with a name, a number and sometimes a product filled in.
    private static readonly string[] Templates =
    [
        "Hi {0}, we're sorry to hear that. Please DM us your order number {1} and we'll look into it right away.",
        "Thanks for reaching out {0}! Our team is looking into case {1} and will get back to you shortly. ^{3}",
        "We have forwarded your comments to our leadership team, {0}. Reference {1}.",
        "Sorry for the trouble with your {2}, {0}. Have you tried restarting it? Let us know how it goes!",
        "@{0} We'd love to help with your {2}. Please follow and DM us the details so we can take a closer look.",
        "Hey {0}, that's not the experience we want for you. Can you send us a DM with your account email? ^{3}",
        "Hi {0}! Your refund for order {1} has been processed and should arrive within 5-7 business days.",
        "{0}, we apologise for the delay on flight {1}. Our crew is working to get you on your way as soon as possible.",
    ];

    private static readonly string[] Names = ["Anna", "Tom", "Priya", "Lee", "@jo_b", "Mohammed", "Chloe", "Sam", "Wei", "Olu"];
    private static readonly string[] Products = ["router", "phone", "laptop", "kettle", "TV", "app", "card", "watch"];
    private static readonly string[] Initials = ["JD", "KL", "AB", "MR"];

    private static readonly string[] Vocabulary =
    [
        "parcel", "router", "engineer", "window", "tuesday", "refund", "voucher", "manager", "branch", "driver", "screen", "battery",
        "invoice", "platform", "signal", "kettle", "jacket", "upgrade", "booking", "lounge", "password", "address", "meter", "seat",
        "checked", "found", "sent", "booked", "moved", "arranged", "credited", "fixed", "replaced", "called", "noted", "passed",
        "today", "tomorrow", "morning", "evening", "already", "again", "soon", "later", "there", "here", "yours", "ours",
        "the", "a", "your", "our", "we", "you", "it", "this", "that", "for", "with", "on", "at", "from", "and", "so",
    ];

    private static string Canned(Random rng) => string.Format(
        System.Globalization.CultureInfo.InvariantCulture,
        Templates[rng.Next(Templates.Length)],
        Names[rng.Next(Names.Length)],
        rng.Next(100, 999999),
        Products[rng.Next(Products.Length)],
        Initials[rng.Next(Initials.Length)]);

    // A reply written for the case: a common opening, then words of its own, of varied length.
    private static string Personal(Random rng) =>
        (rng.Next(2) == 0 ? "Sorry about that! " : "") + string.Join(' ', Enumerable.Range(0, rng.Next(6, 25)).Select(_ => Vocabulary[rng.Next(Vocabulary.Length)]));

    private static bool ShareAKey(ReplySketch a, ReplySketch b) => Enumerable.Range(0, ReplySketch.Bands).Any(band => a[band] == b[band]);

    [Fact]
    public void SameTextSameSketch_NoWordsNoSketch_HandlesLinksAndNumbersIgnored()
    {
        Assert.Equal(ReplySketches.Of("Hello there, how can we help?"), ReplySketches.Of("hello THERE how can we help"));
        Assert.Null(ReplySketches.Of("   !!! "));
        Assert.Null(ReplySketches.Of(""));
        // A handle, a signature, a link and a number are not what makes a reply.
        Assert.Equal(
            ReplySketches.Of("@anna please DM us your order 1234 https://t.co/abc ^JD"),
            ReplySketches.Of("@tom please DM us your order 98 https://t.co/xyz ^KL"));
        // A one-word reply has a sketch, its own.
        Assert.NotNull(ReplySketches.Of("Thanks!"));
        Assert.NotEqual(ReplySketches.Of("Thanks!"), ReplySketches.Of("Cheers!"));
    }

    /// <summary>
    /// A brand's replies, about 60% filled-in templates and 40% written for the case (some opening
    /// with the same apology), judged as the brand judges them: canned when another reply shares a
    /// key. Precision and recall against the known template origin.
    /// </summary>
    [Theory]
    [InlineData(1, 500)]
    [InlineData(2, 3000)]
    public void BrandReplies_CannedFoundWithPrecisionAndRecall(int seed, int replies)
    {
        var rng = new Random(seed);
        var texts = Enumerable.Range(0, replies).Select(_ => rng.Next(5) < 3 ? (Canned: true, Text: Canned(rng)) : (Canned: false, Text: Personal(rng))).ToList();
        var sketches = texts.Select(t => ReplySketches.Of(t.Text)!.Value).ToList();
        var counts = new Dictionary<(int, uint), int>();
        foreach (var s in sketches)
        {
            for (var band = 0; band < ReplySketch.Bands; band++) counts[(band, s[band])] = counts.GetValueOrDefault((band, s[band])) + 1;
        }
        int tp = 0, fp = 0, fn = 0;
        for (var i = 0; i < texts.Count; i++)
        {
            var said = Enumerable.Range(0, ReplySketch.Bands).Any(band => counts[(band, sketches[i][band])] >= 2);
            if (said && texts[i].Canned) tp++;
            else if (said) fp++;
            else if (texts[i].Canned) fn++;
        }
        var (precision, recall) = (tp / (double)(tp + fp), tp / (double)(tp + fn));
        output.WriteLine($"{replies} replies: precision {precision:0.000}, recall {recall:0.000} (tp {tp}, fp {fp}, fn {fn})");
        Assert.True(precision >= 0.95, $"precision {precision:0.000}");
        Assert.True(recall >= 0.95, $"recall {recall:0.000}");
    }

    [Fact]
    public void PairsOfOneTemplate_UsuallyShareAKey_UnrelatedRepliesAlmostNever()
    {
        var rng = new Random(3);
        var same = Enumerable.Range(0, 2000).Count(_ =>
        {
            var t = rng.Next(Templates.Length);
            string Fill() => string.Format(System.Globalization.CultureInfo.InvariantCulture, Templates[t], Names[rng.Next(Names.Length)], rng.Next(100, 999999), Products[rng.Next(Products.Length)], Initials[rng.Next(Initials.Length)]);
            return ShareAKey(ReplySketches.Of(Fill())!.Value, ReplySketches.Of(Fill())!.Value);
        });
        var unrelated = Enumerable.Range(0, 20000).Count(_ => ShareAKey(ReplySketches.Of(Personal(rng))!.Value, ReplySketches.Of(Personal(rng))!.Value));
        output.WriteLine($"same template: {same / 2000.0:0.000} of pairs share a key; written for the case: {unrelated / 20000.0:0.00000}");
        Assert.True(same >= 0.8 * 2000, $"{same} of 2000");
        Assert.True(unrelated <= 20, $"{unrelated} of 20000");
    }
}
