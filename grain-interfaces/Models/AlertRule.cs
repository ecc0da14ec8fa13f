namespace Analytics.Models;

/// <summary>
/// One of a brand's alert rules (README, "Alerts"). A rule has a kind and the fields that kind
/// uses; the others are null. Validated where rules enter the engine (the HTTP API).
/// </summary>
/// <param name="Kind"><see cref="SlaBreachForecast"/>, <see cref="ResponseRateBelow"/> or <see cref="BacklogGrowth"/>.</param>
/// <param name="WithinSeconds">slaBreachForecast: warn about customers whose wait passes the SLA within this many seconds.</param>
/// <param name="Threshold">responseRateBelow: the response rate (0 to 1) below which the rule fires.</param>
/// <param name="WindowSeconds">responseRateBelow and backlogGrowth: the sliding window, seconds up to the as-of.</param>
/// <param name="MinOpened">responseRateBelow: fewer conversations opened in the window than this are not judged.</param>
/// <param name="PerMinuteAbove">backlogGrowth: the backlog's growth per minute over the window above which the rule fires.</param>
[GenerateSerializer, Immutable, Alias("analytics.AlertRule")]
public sealed record AlertRule(
    string Kind,
    double? WithinSeconds = null,
    double? Threshold = null,
    double? WindowSeconds = null,
    int? MinOpened = null,
    double? PerMinuteAbove = null)
{
    /// <summary>Customers about to wait past the brand's SLA.</summary>
    public const string SlaBreachForecast = "slaBreachForecast";

    /// <summary>The response rate of the conversations opened in a sliding window is below a threshold.</summary>
    public const string ResponseRateBelow = "responseRateBelow";

    /// <summary>The backlog grows faster than a rate over a sliding window.</summary>
    public const string BacklogGrowth = "backlogGrowth";
}
