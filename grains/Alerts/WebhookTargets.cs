using System.Net;
using System.Net.Sockets;

namespace Analytics.Alerts;

/// <summary>
/// Where alerts may be posted: http or https addresses whose host is not this machine or its
/// private networks (loopback, link-local, RFC 1918 and unique-local ranges, unspecified), unless
/// private targets are allowed. Checked when rules are set (for an address literal or
/// "localhost") and again for the addresses a name resolves to when the dispatcher connects, so a
/// name cannot be pointed at an internal service later.
/// </summary>
public static class WebhookTargets
{
    /// <summary>Why <paramref name="url"/> may not receive alerts, or null when it may.</summary>
    public static string? Check(string? url, bool allowPrivate)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)) return "must be an absolute http or https address";
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return $"must be http or https, not {uri.Scheme}";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "must not carry a user name or password (use the secret)";
        if (allowPrivate) return null;
        if (uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IsPrivate(address)))
        {
            return $"{uri.Host} is loopback, link-local or private (allowed only with Analytics:Alerts:AllowPrivateTargets)";
        }
        return null;
    }

    /// <summary>True for loopback, link-local, private, unique-local and unspecified addresses.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return true;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            // fe80::/10 link-local, fc00::/7 unique local.
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || (address.GetAddressBytes()[0] & 0xFE) == 0xFC;
        }
        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 127 || b[0] == 0
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }
}
