namespace Analytics.Models;

/// <summary>A brand's alert rules and the webhooks its alerts are posted to.</summary>
/// <param name="Rules">The rules, judged in this order; an alert names its rule by position.</param>
/// <param name="Webhooks">Receivers of every alert.</param>
[GenerateSerializer, Immutable, Alias("analytics.AlertRules")]
public sealed record AlertRules(AlertRule[] Rules, AlertWebhook[] Webhooks)
{
    /// <summary>No rules, no webhooks: a brand's default.</summary>
    public static AlertRules None { get; } = new([], []);
}
