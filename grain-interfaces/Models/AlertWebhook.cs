namespace Analytics.Models;

/// <summary>Where a brand's alerts are posted.</summary>
/// <param name="Url">An http or https address.</param>
/// <param name="Secret">Signs each body (X-Signature-256: sha256=HMAC); null for no signature.</param>
[GenerateSerializer, Immutable, Alias("analytics.AlertWebhook")]
public sealed record AlertWebhook(string Url, string? Secret);
