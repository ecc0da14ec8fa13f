using System.Text.Json.Nodes;

namespace Analytics.Tests.Reference;

/// <summary>Builds single input lines for hand-computed cases.</summary>
public static class HandCases
{
    public const string Brand = "B";

    public static string In(string id, string timestamp, string conversation = "c", string channel = "twitter") =>
        Message(id, timestamp, conversation, "inbound", channel);

    public static string Out(string id, string timestamp, string conversation = "c", string channel = "twitter") =>
        Message(id, timestamp, conversation, "outbound", channel);

    public static string Follow(string id, string timestamp, string kind = "follow") =>
        new JsonObject { ["id"] = id, ["kind"] = kind, ["brand"] = Brand, ["timestamp"] = timestamp }.ToJsonString();

    private static string Message(string id, string timestamp, string conversation, string direction, string channel) =>
        new JsonObject
        {
            ["id"] = id,
            ["brand"] = Brand,
            ["channel"] = channel,
            ["conversationId"] = conversation,
            ["direction"] = direction,
            ["timestamp"] = timestamp,
        }.ToJsonString();
}
