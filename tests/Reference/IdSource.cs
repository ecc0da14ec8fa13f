using System.Globalization;

namespace Analytics.Tests.Reference;

/// <summary>
/// Unique event ids in mixed shapes. Decimal ids ("9" sorts after "10") and mixed case ("Z" sorts
/// before "a") make the ordinal tie-break at equal timestamps differ from numeric or cultural order.
/// </summary>
public sealed class IdSource(Random rng)
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    public string Next()
    {
        while (true)
        {
            var id = rng.Next(4) switch
            {
                0 => rng.Next(1, 100_000).ToString(CultureInfo.InvariantCulture),
                1 => "m" + rng.Next(1, 10_000).ToString(CultureInfo.InvariantCulture),
                2 => Token(6 + rng.Next(5)),
                _ => "evt_" + Token(8),
            };
            if (used.Add(id))
            {
                return id;
            }
        }
    }

    private string Token(int length) =>
        new(Enumerable.Range(0, length).Select(_ => Alphabet[rng.Next(Alphabet.Length)]).ToArray());
}
