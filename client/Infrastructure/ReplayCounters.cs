namespace Analytics.Client.Infrastructure;

/// <summary>Live counts of a replay, read by the progress display while the replay writes them.</summary>
public sealed class ReplayCounters
{
    private static readonly TimeSpan NoticeShown = TimeSpan.FromSeconds(15);
    private long sent;
    private (string Text, DateTime At)? notice;

    /// <summary>Events sent so far.</summary>
    public long Sent => Interlocked.Read(ref sent);

    /// <summary>Adds sent events.</summary>
    public void AddSent(long events) => Interlocked.Add(ref sent, events);

    /// <summary>Notes something the user should see on the progress line (e.g. a retry).</summary>
    public void Notice(string text) => notice = (text, DateTime.UtcNow);

    /// <summary>The latest notice, prefixed for the progress line, while it is recent; else empty.</summary>
    public string RecentNotice() => notice is { } n && DateTime.UtcNow - n.At < NoticeShown ? " - " + n.Text : "";
}
