using Analytics.Models;

namespace Analytics.Alerts;

/// <summary>
/// The backlog's samples within a sliding window of the brand's clock, and its growth per minute
/// over them: from the oldest sample in the window to the newest. Until the samples span half the
/// window the growth is not judged (a brand just started, or a replay that jumps hours per batch).
/// </summary>
internal sealed class BacklogWindow(long window)
{
    private readonly Queue<(long At, long Backlog)> samples = new();
    private (long At, long Backlog)? newest;

    /// <summary>Adds a sample (samples come in as-of order; an as-of that moved back restarts the window).</summary>
    public BacklogWindow Add(long at, long backlog)
    {
        if (newest is { } n && at < n.At) samples.Clear();
        samples.Enqueue((at, backlog));
        newest = (at, backlog);
        while (samples.Peek().At < at - window) samples.Dequeue();
        return this;
    }

    /// <summary>Growth per minute over the window, or null while the samples span less than half of it.</summary>
    public double? PerMinute
    {
        get
        {
            if (newest is not { } last || samples.Count == 0) return null;
            var (at, backlog) = samples.Peek();
            var span = last.At - at;
            if (span <= 0 || span * 2 < window) return null;
            return (last.Backlog - backlog) / (span / (double)Time.MicrosPerMinute);
        }
    }

    /// <summary>The newest sample's as-of.</summary>
    public long At => newest?.At ?? 0;
}
