using System.Buffers;
using System.Text.Json;
using Analytics.Models;

namespace Analytics.Client.Infrastructure;

/// <summary>Writes events as NDJSON lines (METRICS-SPEC section 1), e.g. to send an imported twcs.csv to a silo.</summary>
public static class EventJson
{
    /// <summary>Appends one event as a JSON line.</summary>
    public static void WriteLine(CareEvent e, Utf8JsonWriter writer, IBufferWriter<byte> output)
    {
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteString("id", e.Id);
        writer.WriteString("kind", e.Kind switch { EventKind.Follow => "follow", EventKind.Unfollow => "unfollow", _ => "message" });
        writer.WriteString("brand", e.Brand);
        writer.WriteString("channel", e.Channel);
        if (e.Kind == EventKind.Message)
        {
            writer.WriteString("conversationId", e.ConversationId);
            writer.WriteString("direction", e.Direction == Direction.Inbound ? "inbound" : "outbound");
        }
        if (e.Extras?.Author is { } author) writer.WriteString("author", author);
        if (e.Extras?.Text is { } text) writer.WriteString("text", text);
        writer.WriteString("timestamp", Time.ToIso(e.Timestamp));
        writer.WriteEndObject();
        writer.Flush();
        output.Write("\n"u8);
    }
}
