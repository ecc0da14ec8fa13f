using Analytics.Models;

namespace Analytics.Alerts;

/// <summary>A rule of a brand at its position: what every alert it makes names.</summary>
internal sealed record RuleRef(string Brand, int Position, AlertRule Rule)
{
    /// <summary>The rule's <paramref name="number"/>th alert (ids repeat for its resolution), in the given state.</summary>
    public Alert Alert(int number, AlertState state, long at, string message, double value, AlertCustomer[]? customers = null) =>
        new($"{Brand}/{Position}/{number}", Brand, Position, Rule.Kind, state, at, message, value, customers ?? []);
}
