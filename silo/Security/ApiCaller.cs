namespace Analytics.Silo.Security;

/// <summary>What a request may do.</summary>
[Flags]
public enum Scope
{
    /// <summary>Nothing.</summary>
    None = 0,

    /// <summary>Queries, the live stream, the API docs.</summary>
    Read = 1,

    /// <summary>POST /api/events.</summary>
    Ingest = 2,

    /// <summary>Settings, /dashboard and /metrics; includes read and ingest.</summary>
    Admin = 4 | Read | Ingest,
}

/// <summary>Who a request comes from, once its key (or its loopback address) is accepted.</summary>
/// <param name="Name">The key's name, or "loopback" when no keys are configured.</param>
/// <param name="Scopes">What it may do.</param>
/// <param name="Brands">The brands it sees and writes; null for all.</param>
public sealed record ApiCaller(string Name, Scope Scopes, IReadOnlySet<string>? Brands)
{
    /// <summary>A caller on the silo's own machine when no keys are configured: everything.</summary>
    public static ApiCaller Loopback { get; } = new("loopback", Scope.Admin, null);

    /// <summary>True when the caller holds every scope in <paramref name="needed"/>.</summary>
    public bool May(Scope needed) => (Scopes & needed) == needed;

    /// <summary>True when the caller sees <paramref name="brand"/>.</summary>
    public bool Sees(string brand) => Brands is null || Brands.Contains(brand);

    /// <summary>The caller of a request the key middleware let through (loopback when there was none).</summary>
    public static ApiCaller Of(HttpContext context) =>
        context?.Features.Get<ApiCaller>() ?? Loopback;
}
