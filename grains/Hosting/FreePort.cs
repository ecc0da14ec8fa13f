using System.Net;
using System.Net.Sockets;

namespace Analytics.Hosting;

/// <summary>Free loopback ports, for silos started next to others (the client's embedded silo, tests).</summary>
public static class FreePort
{
    // Below Linux's default ephemeral range (32768-60999), which outgoing connections take their
    // ports from: a port the OS picks there for a listener closed at once could be taken by some
    // connection before the silo binds it (a test run saw "address already in use").
    private const int First = 20_000, Span = 12_000;
    // Each process starts at its own place, so two processes seldom try the same ports.
    private static int next = Random.Shared.Next(Span);

    /// <summary>A port that was free a moment ago (a listener on it started and closed).</summary>
    public static int Next()
    {
        for (var tried = 0; tried < Span; tried++)
        {
            var port = First + (int)((uint)Interlocked.Increment(ref next) % Span);
            if (IsFree(port)) return port;
        }
        throw new InvalidOperationException($"no free loopback port in {First}-{First + Span - 1}");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
