using Analytics.Models;

namespace Analytics.Tests.Domain;

/// <summary>Terse builders of conversation events for hand-computed cases; times are minutes after a fixed base.</summary>
internal static class Events
{
    public static readonly long Base = Time.FromDateTimeOffset(new DateTimeOffset(2024, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public static long At(double minutes) => Base + (long)(minutes * Time.MicrosPerMinute);

    public static ConversationEvent In(string id, double minutes, string channel = "twitter") =>
        new(id, EventKind.Message, Direction.Inbound, At(minutes), channel, 1);

    public static ConversationEvent Out(string id, double minutes, string channel = "twitter") =>
        new(id, EventKind.Message, Direction.Outbound, At(minutes), channel, 1);

    public static ConversationEvent Follow(string id, double minutes) =>
        new(id, EventKind.Follow, Direction.None, At(minutes), "twitter", 1);
}
