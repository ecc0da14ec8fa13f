using Analytics.Models;

namespace Analytics.Reporting;

/// <summary>One conversation: its events in (timestamp, id) order and its summary.</summary>
public sealed record ConversationDetailView(
    string Brand,
    string ConversationId,
    string? AsOf,
    ConversationRowView? Summary,
    EventView[] Events)
{
    /// <summary>The view of a conversation grain's answer.</summary>
    public static ConversationDetailView Of(ConversationView v) => new(
        v.Brand,
        v.ConversationId,
        v.AsOf is { } a ? Time.ToIso(a) : null,
        v.Summary is { } s ? ConversationRowView.Of(s, v.AsOf) : null,
        [.. v.Events.Select(EventView.Of)]);
}

/// <summary>An event as shown in a conversation: who said what and when (author and text null when not given or not kept), and whether it was judged a complaint.</summary>
public sealed record EventView(string Id, string Kind, string Direction, string Timestamp, string Channel, string? Author, string? Text, bool Complaint)
{
    /// <summary>The view of a stored event.</summary>
    public static EventView Of(ConversationEvent e) => new(
        e.Id, e.Kind.ToString().ToLowerInvariant(), e.Direction.ToString().ToLowerInvariant(), Time.ToIso(e.Timestamp), e.Channel,
        e.Extras?.Author, e.Extras?.Text, e.Complaint);
}
