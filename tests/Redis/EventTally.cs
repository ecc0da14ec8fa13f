using System.Text.Json.Nodes;

namespace Analytics.Tests.Redis;

/// <summary>
/// Lost and double-counted events between two reports: per brand, the event counts (inbound,
/// outbound, follows, unfollows) that one has and the other lacks, or has more of.
/// </summary>
public static class EventTally
{
    private static readonly string[] Counts = ["inbound", "outbound", "follows", "unfollows"];

    public static (long Lost, long DoubleCounted) Compare(JsonNode expected, JsonNode actual)
    {
        long lost = 0, doubled = 0;
        foreach (var (brand, metrics) in expected["brands"]!.AsObject())
        {
            foreach (var count in Counts)
            {
                var e = metrics![count]!.GetValue<long>();
                var a = actual["brands"]?[brand]?[count]?.GetValue<long>() ?? 0;
                lost += Math.Max(0, e - a);
                doubled += Math.Max(0, a - e);
            }
        }
        return (lost, doubled);
    }
}
