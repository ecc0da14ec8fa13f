namespace Analytics.Domain;

/// <summary>
/// The backlog a brand sampled, one value per minute, for the last <see cref="Capacity"/> minutes.
/// A past backlog cannot be derived from the held contributions (each keeps only its running
/// waiting period, not the ended ones), so the brand samples it as time passes. Samples live
/// with the activation: a minute nobody sampled reads as null (a gap in the chart), never as a
/// made-up value.
/// </summary>
public sealed class BacklogHistory
{
    private readonly long[] minutes;
    private readonly long[] values;

    /// <summary>An empty history; the default keeps seven days and an hour.</summary>
    public BacklogHistory(int capacity = (7 * 24 + 1) * 60)
    {
        minutes = new long[capacity];
        values = new long[capacity];
        Array.Fill(minutes, long.MinValue);
    }

    /// <summary>Minutes kept.</summary>
    public int Capacity => minutes.Length;

    /// <summary>Records the backlog of a minute; a later sample of the same minute replaces it, a sample older than the slot's holder is ignored.</summary>
    public void Record(long minute, long backlog)
    {
        var slot = Slot(minute);
        if (minutes[slot] > minute) return;
        minutes[slot] = minute;
        values[slot] = backlog;
    }

    /// <summary>The sample of a minute, or null.</summary>
    public long? At(long minute)
    {
        var slot = Slot(minute);
        return minutes[slot] == minute ? values[slot] : null;
    }

    /// <summary>
    /// Per bucket of <paramref name="step"/> minutes from <paramref name="fromMinute"/> up to (not
    /// including) <paramref name="toMinute"/>: the sample of the bucket's latest sampled minute,
    /// i.e. the backlog as the bucket ended; null when none was sampled.
    /// </summary>
    public long?[] Buckets(long fromMinute, long toMinute, int step)
    {
        var result = new long?[(int)((toMinute - fromMinute + step - 1) / step)];
        for (var minute = fromMinute; minute < toMinute; minute++)
        {
            if (At(minute) is { } value) result[(minute - fromMinute) / step] = value;
        }
        return result;
    }

    private int Slot(long minute) => (int)(((minute % minutes.Length) + minutes.Length) % minutes.Length);
}
