using System.Net;
using System.Net.Sockets;

namespace Analytics.Hosting;

/// <summary>Free loopback ports, for silos started next to others (the client's embedded silo, tests).</summary>
public static class FreePort
{
    /// <summary>A port that was free a moment ago: the OS picks it for a listener that is closed at once.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
