namespace Analytics.Models;

/// <summary>A conversation's activity counts in one (minute, channel) cell.</summary>
/// <param name="Minute">Whole UTC minutes since the Unix epoch.</param>
/// <param name="Channel">Channel of the counted events.</param>
/// <param name="Inbound">Inbound messages.</param>
/// <param name="Outbound">Outbound messages.</param>
/// <param name="Responses">Waiting periods that ended with a message of this cell.</param>
/// <param name="ResponseTimeSum">Sum of those periods' response times, microseconds.</param>
/// <param name="Follows">Follow events.</param>
/// <param name="Unfollows">Unfollow events.</param>
[GenerateSerializer, Immutable, Alias("analytics.ActivityCell")]
public sealed record ActivityCell(
    long Minute,
    string Channel,
    int Inbound,
    int Outbound,
    int Responses,
    long ResponseTimeSum,
    int Follows,
    int Unfollows);
