namespace Analytics.Silo.Security;

/// <summary>API keys and rate limits, from "Analytics:Auth" (reloaded when the configuration changes).</summary>
public sealed class AuthOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Analytics:Auth";

    /// <summary>Keys by name. None: the silo answers loopback clients only.</summary>
    public Dictionary<string, ApiKeyOptions> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Requests per second per caller (API key, or client address without one), with bursts of twice as many; 0 turns the limit off.</summary>
    public double RequestsPerSecond { get; set; } = 1000;

    /// <summary>Accepted events per second per caller, over time (a request may overdraw; the caller's next ones wait); 0 turns the limit off.</summary>
    public double EventsPerSecond { get; set; }
}

/// <summary>One API key: its SHA-256, what it may do and which brands it sees.</summary>
public sealed class ApiKeyOptions
{
    /// <summary>Hex SHA-256 of the key (the key itself is never stored): <c>printf %s KEY | sha256sum</c>.</summary>
    public string? Sha256 { get; set; }

    /// <summary>Comma-separated: read, ingest, admin (admin includes the others).</summary>
    public string? Scopes { get; set; }

    /// <summary>"*" (default) or a comma-separated list of the brands the key sees and writes.</summary>
    public string? Brands { get; set; }
}
