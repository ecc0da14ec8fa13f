using System.IO.Hashing;
using System.Runtime.InteropServices;
using Analytics.Models;

namespace Analytics.Text;

/// <summary>
/// Near-duplicate keys of a reply's text, for finding canned replies: MinHash over the text's word
/// pairs, 25 minima in 5 bands of 5, each band hashed to a key (<see cref="ReplySketch"/>). Two
/// texts whose word pairs overlap with Jaccard similarity J share a key with probability
/// 1 - (1 - J^5)^5: 0.86 at J = 0.8 (a template with a name filled in), 0.15 at 0.5, 0.01 at 0.3.
/// Words are lowercased; @handles, ^signatures and links are left out and every number is one
/// word, so that "Hi @anna, your order 1234 ... ^JD" and "Hi @tom, your order 98 ... ^KL" are
/// the same template.
/// </summary>
public static class ReplySketches
{
    private const int Rows = 5;
    private const int Hashes = Rows * ReplySketch.Bands;

    // The 25 hash functions: the word pair's hash mixed with a seed each (splitmix64's finalizer).
    private static readonly ulong[] Seeds = MakeSeeds();

    /// <summary>The sketch of <paramref name="text"/>, or null for a text without words.</summary>
    public static ReplySketch? Of(ReadOnlySpan<char> text)
    {
        Span<ulong> minima = stackalloc ulong[Hashes];
        minima.Fill(ulong.MaxValue);
        Span<char> word = stackalloc char[64];
        ulong previous = 0;
        var words = 0;
        for (var i = 0; i < text.Length;)
        {
            if (!char.IsLetterOrDigit(text[i]) && text[i] is not ('@' or '^'))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            var token = text[start..i];
            if (token[0] is '@' or '^' || token.StartsWith("http", StringComparison.OrdinalIgnoreCase) || token.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) continue;
            var hash = WordHash(token, word);
            if (hash == 0) continue;
            // A pair of words; the first word alone too, so that a one-word reply has a sketch.
            Fold(minima, words == 0 ? hash : Mix(previous * 31 + hash));
            previous = hash;
            words++;
        }
        if (words == 0) return null;
        Span<uint> keys = stackalloc uint[ReplySketch.Bands];
        for (var band = 0; band < keys.Length; band++)
        {
            keys[band] = (uint)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(minima.Slice(band * Rows, Rows)), band);
        }
        return new ReplySketch(keys[0], keys[1], keys[2], keys[3], keys[4]);
    }

    // A word's letters and digits, lowercased; any number is the same word. 0 for no letters or digits.
    private static ulong WordHash(ReadOnlySpan<char> token, Span<char> buffer)
    {
        var length = 0;
        var number = false;
        foreach (var c in token)
        {
            if (char.IsDigit(c)) number = true;
            else if (char.IsLetter(c) && length < buffer.Length) buffer[length++] = char.ToLowerInvariant(c);
        }
        if (number) return 0x9E3779B97F4A7C15UL;
        return length == 0 ? 0 : Math.Max(1UL, XxHash3.HashToUInt64(MemoryMarshal.AsBytes(buffer[..length])));
    }

    private static void Fold(Span<ulong> minima, ulong shingle)
    {
        for (var k = 0; k < minima.Length; k++) minima[k] = Math.Min(minima[k], Mix(shingle ^ Seeds[k]));
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong[] MakeSeeds()
    {
        var seeds = new ulong[Hashes];
        var state = 0x5DEECE66DUL;
        for (var k = 0; k < seeds.Length; k++) seeds[k] = Mix(state += 0x9E3779B97F4A7C15UL);
        return seeds;
    }
}
