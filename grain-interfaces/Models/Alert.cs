namespace Analytics.Models;

/// <summary>An entry of a brand's alert history: an alert fired or resolved, or a delivery given up.</summary>
/// <param name="Id">The alert's id (brand, rule position, count): its resolution and dead letters carry the same id.</param>
/// <param name="Brand">The brand.</param>
/// <param name="Rule">Position of the rule in the brand's rules.</param>
/// <param name="Kind">The rule's kind (<see cref="AlertRule"/>).</param>
/// <param name="State">Fired, resolved or dead letter.</param>
/// <param name="At">The brand's as-of when the rule was judged (UTC microseconds); for a dead letter, when delivery was given up.</param>
/// <param name="Message">One sentence for a person.</param>
/// <param name="Value">The figure judged: customers about to breach, the response rate, the backlog's growth per minute.</param>
/// <param name="Customers">A forecast's customers, soonest breach first (at most <see cref="MaxCustomers"/>); empty otherwise.</param>
/// <param name="Delivery">A dead letter's webhook and reason; null otherwise.</param>
[GenerateSerializer, Immutable, Alias("analytics.Alert")]
public sealed record Alert(
    string Id,
    string Brand,
    int Rule,
    string Kind,
    AlertState State,
    long At,
    string Message,
    double Value,
    AlertCustomer[] Customers,
    AlertDelivery? Delivery = null)
{
    /// <summary>Most customers an alert lists (its value counts them all).</summary>
    public const int MaxCustomers = 100;
}
