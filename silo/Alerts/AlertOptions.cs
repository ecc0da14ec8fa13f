namespace Analytics.Silo.Alerts;

/// <summary>Webhook delivery settings (section Analytics:Alerts).</summary>
public sealed class AlertOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Analytics:Alerts";

    /// <summary>Allow webhooks on loopback, link-local and private addresses (off: a brand's admin could otherwise make the silo call internal services).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Attempts per webhook and alert before a dead letter (the first and the retries).</summary>
    public int Attempts { get; set; } = 4;

    /// <summary>Wait before the first retry; each further retry waits twice as long.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait for one attempt's answer.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Alerts waiting for delivery before new ones are given up at once (a dead letter each).</summary>
    public int MaxQueued { get; set; } = 10_000;

    /// <summary>Deliveries in flight at once, so one slow receiver does not hold up the others.</summary>
    public int MaxConcurrent { get; set; } = 16;
}
