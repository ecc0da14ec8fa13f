using Analytics.Models;

namespace Analytics.Alerts;

/// <summary>
/// Takes a brand's alerts for delivery to its webhooks (the silo's dispatcher). Must return at
/// once: it is called inside the brand's turn, and a slow receiver may never slow the brand.
/// </summary>
public interface IAlertSink
{
    /// <summary>Queues <paramref name="alert"/> for every webhook of <paramref name="webhooks"/>.</summary>
    void Deliver(Alert alert, IReadOnlyList<AlertWebhook> webhooks);
}
