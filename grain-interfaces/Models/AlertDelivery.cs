namespace Analytics.Models;

/// <summary>Why a webhook never took an alert.</summary>
/// <param name="Url">The webhook.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="Reason">The last attempt's failure (HTTP status or error).</param>
[GenerateSerializer, Immutable, Alias("analytics.AlertDelivery")]
public sealed record AlertDelivery(string Url, int Attempts, string Reason);
