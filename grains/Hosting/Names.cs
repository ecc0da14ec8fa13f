namespace Analytics.Hosting;

/// <summary>Provider and stream names, one definition for silo, client and tests.</summary>
public static class Names
{
    /// <summary>Grain storage of conversations.</summary>
    public const string ConversationStore = "conversations";

    /// <summary>Orleans' grain type of conversations (the default name, stated so that cluster mode can give them their own directory).</summary>
    public const string ConversationGrainType = "conversation";

    /// <summary>The name under which a conversation grain stores its state.</summary>
    public const string ConversationState = "conversation";

    /// <summary>Grain storage of brands and the directory.</summary>
    public const string BrandStore = "brands";

    /// <summary>Storage the stream runtime needs for its pub-sub table.</summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>The stream provider that carries ingest batches.</summary>
    public const string StreamProvider = "ingest";

    /// <summary>Stream namespace of ingest batches; its streams are keyed by partition.</summary>
    public const string EventsNamespace = "events";
}
