namespace Analytics.Tests.Reference;

/// <summary>The [from, to) window of whole UTC minutes, as microseconds.</summary>
public sealed record ReportWindow(long? FromMicros, long? ToMicros)
{
    public static ReportWindow From(ReferenceParams p) => new(WholeMinute(p.From, nameof(p.From)), WholeMinute(p.To, nameof(p.To)));

    /// <summary>
    /// With whole-minute bounds, "the event's minute lies in [from, to)" is the same as
    /// "the event's instant lies in [from, to)", so no flooring is needed.
    /// </summary>
    public bool Contains(long micros) =>
        (FromMicros is not { } from || micros >= from) && (ToMicros is not { } to || micros < to);

    private static long? WholeMinute(DateTimeOffset? t, string name)
    {
        if (t is null)
        {
            return null;
        }

        var micros = RefTime.ToMicros(t.Value);
        if (micros % RefTime.MicrosPerMinute != 0 || t.Value.UtcTicks % 10 != 0)
        {
            // The spec only defines windows of whole minutes; refuse rather than guess a rounding.
            throw new ArgumentException($"{name} must be a whole UTC minute, got {t.Value:O}", name);
        }

        return micros;
    }
}
