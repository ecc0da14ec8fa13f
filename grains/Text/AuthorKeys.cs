using System.IO.Hashing;
using System.Text;

namespace Analytics.Text;

/// <summary>A 64-bit key of an event's author, never 0 (0 means no author): unfollows are matched to conversations by it, with or without text kept.</summary>
public static class AuthorKeys
{
    /// <summary>The key of an author: the hash of its UTF-8.</summary>
    public static ulong Of(string author) => Math.Max(1UL, XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(author)));
}
