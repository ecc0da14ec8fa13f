namespace Analytics.Domain;

/// <summary>
/// When a brand pushes its live figures. At once when the last push is at least the minimum
/// interval old (a lone event shows on the page within a grain turn); otherwise when the interval
/// is up (the last change of a burst is never held back longer than that); and, when periodic
/// (live as-of mode, where waits grow with the clock), every interval even without changes.
/// A pure clock-free rule: the grain supplies the time and owns the timer.
/// </summary>
public sealed class PushPacer(TimeSpan minInterval, bool periodic)
{
    private DateTimeOffset? last;
    private bool dirty;

    /// <summary>The figures changed since the last push.</summary>
    public void Changed() => dirty = true;

    /// <summary>The last push happened at <paramref name="now"/>.</summary>
    public void Pushed(DateTimeOffset now)
    {
        last = now;
        dirty = false;
    }

    /// <summary>Time from <paramref name="now"/> until the next push is due (zero: now); null when no push is due at all.</summary>
    public TimeSpan? DueIn(DateTimeOffset now)
    {
        if (!dirty && !periodic && last is not null) return null;
        if (last is not { } previous) return TimeSpan.Zero;
        var wait = previous + minInterval - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
