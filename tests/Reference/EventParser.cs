using System.Text;
using System.Text.Json;

namespace Analytics.Tests.Reference;

/// <summary>Reads one NDJSON line into a <see cref="RefEvent"/> per spec section 1, or rejects it.</summary>
public static class EventParser
{
    private const int MaxTextBytes = 16 * 1024;

    /// <summary>Returns the event, or null when the line is not a valid event (it is then skipped).</summary>
    public static RefEvent? TryParse(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(line);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? FromObject(doc.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static RefEvent? FromObject(JsonElement o)
    {
        var id = RequiredString(o, "id", 128);
        var brand = RequiredString(o, "brand", 64);
        var stamp = RequiredString(o, "timestamp", int.MaxValue);
        if (id is null || brand is null || stamp is null || !RefTime.TryParse(stamp, out var micros))
        {
            return null;
        }

        // Optional fields: absent and JSON null both mean "use the default".
        if (!TryOptionalString(o, "kind", out var kindText)
            || !TryOptionalString(o, "channel", out var channel)
            || !TryOptionalString(o, "text", out var text))
        {
            return null;
        }

        if (text is not null && Encoding.UTF8.GetByteCount(text) > MaxTextBytes)
        {
            return null;
        }

        RefEventKind? kind = (kindText ?? "message") switch
        {
            "message" => RefEventKind.Message,
            "follow" => RefEventKind.Follow,
            "unfollow" => RefEventKind.Unfollow,
            _ => null,
        };
        if (kind is null || channel == string.Empty)
        {
            return null;
        }

        channel ??= "twitter";
        if (!TryOptionalString(o, "author", out var author))
        {
            return null;
        }

        var authorKey = author is null ? 0 : Analytics.Text.AuthorKeys.Of(author);
        if (kind != RefEventKind.Message)
        {
            return new RefEvent(id, kind.Value, brand, channel, null, false, micros, AuthorKey: authorKey);
        }

        var conversationId = RequiredString(o, "conversationId", int.MaxValue);
        var direction = RequiredString(o, "direction", int.MaxValue);
        if (conversationId is null || direction is not ("inbound" or "outbound"))
        {
            return null;
        }

        var inbound = direction == "inbound";
        var complaint = inbound && text is not null && Analytics.Text.ComplaintLexicon.Shared.IsComplaint(text);
        var sketch = !inbound && text is not null ? Analytics.Text.ReplySketches.Of(text) : null;
        return new RefEvent(id, RefEventKind.Message, brand, channel, conversationId, inbound, micros, complaint, sketch, authorKey);
    }

    private static string? RequiredString(JsonElement o, string name, int maxLength) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            && v.GetString() is { Length: > 0 } s && s.Length <= maxLength
            ? s
            : null;

    private static bool TryOptionalString(JsonElement o, string name, out string? value)
    {
        value = null;
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        value = v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        return value is not null;
    }
}
