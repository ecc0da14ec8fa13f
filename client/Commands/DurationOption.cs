using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Analytics.Client.Commands;

/// <summary>Durations written as people write them: 500ms, 60s, 5m, 1h (or a TimeSpan, 00:01:00).</summary>
internal static class DurationOption
{
    public static Option<TimeSpan?> Create(string name, string description) => new(name)
    {
        Description = description + " (e.g. 60s, 5m)",
        CustomParser = Parse,
    };

    internal static TimeSpan? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value.Trim();
        (string Suffix, Func<double, TimeSpan> Of)[] units = [("ms", TimeSpan.FromMilliseconds), ("s", TimeSpan.FromSeconds), ("m", TimeSpan.FromMinutes), ("h", TimeSpan.FromHours)];
        foreach (var (suffix, of) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0)
            {
                return of(value);
            }
        }
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero) return span;
        result.AddError($"'{text}' is not a duration: write e.g. 60s, 5m or 00:01:00");
        return null;
    }
}
