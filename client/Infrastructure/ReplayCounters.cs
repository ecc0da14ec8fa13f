namespace Analytics.Client.Infrastructure;

/// <summary>Live counts of a replay, read by the progress display while the replay writes them.</summary>
public sealed class ReplayCounters
{
    private long sent;

    /// <summary>Events sent so far.</summary>
    public long Sent => Interlocked.Read(ref sent);

    /// <summary>Adds sent events.</summary>
    public void AddSent(long events) => Interlocked.Add(ref sent, events);
}
