using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Analytics.Silo.Security;

/// <summary>
/// Decides whether a request may go on: which paths need a key, which scope each needs, whose key
/// it is. A pure function of the options and the request's parts, so every rule is testable
/// without a server.
/// </summary>
public static class ApiAccess
{
    /// <summary>The cookie the page stores a key in (an EventSource cannot send headers).</summary>
    public const string Cookie = "analytics_key";

    /// <summary>The outcome: a caller, or a status and the message that says what is missing.</summary>
    public sealed record Decision(ApiCaller? Caller, int Status, string? Error);

    /// <summary>True for the paths that hold data or control: the API, the Orleans Dashboard, the metrics. The page's own files and /health are open.</summary>
    public static bool Guarded(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/dashboard") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/openapi");

    /// <summary>The scope a request needs.</summary>
    public static Scope Needed(string method, PathString path) =>
        path.StartsWithSegments("/dashboard") || path.StartsWithSegments("/metrics") || HttpMethods.IsPut(method) ? Scope.Admin
        : HttpMethods.IsPost(method) && path.StartsWithSegments("/api/events") ? Scope.Ingest
        : Scope.Read;

    /// <summary>The brand a per-brand path names (/api/brands/{brand}/...), decoded; null for other paths.</summary>
    public static string? BrandOf(PathString path)
    {
        if (!path.StartsWithSegments("/api/brands", out var rest) || !rest.HasValue) return null;
        var segment = rest.Value!.TrimStart('/').Split('/')[0];
        return segment.Length == 0 ? null : Uri.UnescapeDataString(segment);
    }

    /// <summary>Decides a request to a guarded path.</summary>
    /// <param name="options">The keys in force.</param>
    /// <param name="remote">The client's address; null in-process (tests), which counts as loopback.</param>
    /// <param name="key">The key presented (bearer token or cookie), or null.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path.</param>
    public static Decision Decide(AuthOptions options, IPAddress? remote, string? key, string method, PathString path)
    {
        ArgumentNullException.ThrowIfNull(options);
        ApiCaller caller;
        if (options.Keys.Count == 0)
        {
            if (remote is not null && !IPAddress.IsLoopback(remote))
            {
                return new Decision(null, StatusCodes.Status403Forbidden,
                    "this silo has no API keys configured and answers clients on its own machine only; configure Analytics:Auth:Keys (README: Exposing a silo)");
            }
            caller = ApiCaller.Loopback;
        }
        else if (string.IsNullOrEmpty(key))
        {
            return new Decision(null, StatusCodes.Status401Unauthorized, "an API key is required: Authorization: Bearer <key>");
        }
        else if (Find(options, key) is not { } found)
        {
            return new Decision(null, StatusCodes.Status401Unauthorized, "unknown API key");
        }
        else
        {
            caller = found;
        }

        var needed = Needed(method, path);
        if (!caller.May(needed)) return new Decision(null, StatusCodes.Status403Forbidden, $"API key '{caller.Name}' lacks the '{Name(needed)}' scope");
        if (BrandOf(path) is { } brand && !caller.Sees(brand)) return new Decision(null, StatusCodes.Status403Forbidden, $"API key '{caller.Name}' may not use brand '{brand}'");
        if (caller.Brands is not null && path.StartsWithSegments("/api/report"))
        {
            return new Decision(null, StatusCodes.Status403Forbidden, $"API key '{caller.Name}' sees some brands only; the report covers all: use /api/brands/{{brand}}/metrics");
        }
        return new Decision(caller, StatusCodes.Status200OK, null);
    }

    private static ApiCaller? Find(AuthOptions options, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        foreach (var (name, k) in options.Keys)
        {
            if (k.Sha256 is not { Length: 64 } hex) continue;
            byte[] expected;
            try
            {
                expected = Convert.FromHexString(hex);
            }
            catch (FormatException)
            {
                continue;
            }
            if (!CryptographicOperations.FixedTimeEquals(hash, expected)) continue;
            return new ApiCaller(name, Scopes(k.Scopes), Brands(k.Brands));
        }
        return null;
    }

    private static Scope Scopes(string? list)
    {
        var scopes = Scope.None;
        foreach (var s in (list ?? "read").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            scopes |= s.ToLowerInvariant() switch
            {
                "read" => Scope.Read,
                "ingest" => Scope.Ingest,
                "admin" => Scope.Admin,
                _ => Scope.None,
            };
        }
        return scopes;
    }

    private static HashSet<string>? Brands(string? list) =>
        string.IsNullOrWhiteSpace(list) || list.Trim() == "*"
            ? null
            : [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static string Name(Scope scope) => scope switch
    {
        Scope.Admin => "admin",
        Scope.Ingest => "ingest",
        _ => "read",
    };
}
