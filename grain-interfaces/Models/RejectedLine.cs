namespace Analytics.Models;

/// <summary>An input line that was not accepted, and why.</summary>
/// <param name="Line">1-based line number in its request or file.</param>
/// <param name="Reason">Human-readable reason naming the field, e.g. "timestamp missing".</param>
[GenerateSerializer, Immutable, Alias("analytics.RejectedLine")]
public sealed record RejectedLine(long Line, string Reason)
{
    /// <summary>The category the reason is counted under: its text up to the first colon.</summary>
    public string Category => Reason.IndexOf(':') is var i and > 0 ? Reason[..i] : Reason;

    /// <inheritdoc />
    public override string ToString() => $"line {Line}: {Reason}";
}
