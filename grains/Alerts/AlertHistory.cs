using Analytics.Models;

namespace Analytics.Alerts;

/// <summary>A brand's latest alert entries, newest first, at most <paramref name="capacity"/> (older ones are dropped).</summary>
public sealed class AlertHistory(int capacity = AlertHistory.DefaultCapacity)
{
    /// <summary>Entries a brand keeps.</summary>
    public const int DefaultCapacity = 500;

    private readonly Queue<Alert> entries = new();

    /// <summary>Number of entries kept.</summary>
    public int Count => entries.Count;

    /// <summary>Adds an entry, dropping the oldest beyond the capacity.</summary>
    public void Add(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        entries.Enqueue(alert);
        if (entries.Count > capacity) entries.Dequeue();
    }

    /// <summary>The newest <paramref name="limit"/> entries, newest first.</summary>
    public Alert[] Newest(int limit) => entries.Reverse().Take(Math.Max(0, limit)).ToArray();
}
