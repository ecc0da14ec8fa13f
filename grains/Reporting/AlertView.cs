using System.Text.Json;
using System.Text.Json.Serialization;
using Analytics.Models;

namespace Analytics.Reporting;

/// <summary>
/// An alert as the API, the server-sent events and the webhooks carry it (times ISO-8601 UTC,
/// durations in seconds). The webhook's body is exactly this JSON, so a receiver can check the
/// signature over the bytes it got.
/// </summary>
/// <param name="Id">The alert's id; its resolution and dead letters carry the same.</param>
/// <param name="Brand">The brand.</param>
/// <param name="Rule">Position of the rule in the brand's rules.</param>
/// <param name="Kind">The rule's kind.</param>
/// <param name="State">fired, resolved or deadLetter.</param>
/// <param name="At">The brand's as-of when judged (for a dead letter: when delivery was given up).</param>
/// <param name="Message">One sentence for a person.</param>
/// <param name="Value">The figure judged (customers about to breach, response rate, backlog growth per minute); null when not judged.</param>
/// <param name="Customers">A forecast's customers, soonest breach first.</param>
/// <param name="Delivery">A dead letter's webhook, attempts and reason.</param>
public sealed record AlertView(
    string Id,
    string Brand,
    int Rule,
    string Kind,
    string State,
    string At,
    string Message,
    double? Value,
    AlertCustomerView[] Customers,
    AlertDelivery? Delivery)
{
    /// <summary>Web defaults, nulls left out, one line.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The view of an alert.</summary>
    public static AlertView Of(Alert a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(
            a.Id,
            a.Brand,
            a.Rule,
            a.Kind,
            JsonNamingPolicy.CamelCase.ConvertName(a.State.ToString()),
            Time.ToIso(a.At),
            a.Message,
            double.IsFinite(a.Value) ? a.Value : null,
            Array.ConvertAll(a.Customers, c => new AlertCustomerView(c.ConversationId, Time.ToIso(c.WaitingSince), c.SecondsLeft)),
            a.Delivery);
    }
}

/// <summary>A customer named by a forecast.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="WaitingSince">Start of the wait.</param>
/// <param name="SecondsLeft">Seconds until the wait passes the SLA, at the alert's time.</param>
public sealed record AlertCustomerView(string ConversationId, string WaitingSince, double SecondsLeft);
