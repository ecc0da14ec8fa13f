using Analytics.Hosting;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Analytics.Tests.Api;

namespace Analytics.Tests.Redis;

/// <summary>
/// A real redis-server on a free loopback port with its data in a temp folder, append-only file on
/// and fsynced on every write (so that what Redis acknowledged survives a kill -9 of Redis).
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private Process? process;

    private RedisServer(int port, string directory) => (Port, Directory) = (port, directory);

    public int Port { get; }

    /// <summary>The data folder: appendonly files and redis.log.</summary>
    public string Directory { get; }

    /// <summary>StackExchange.Redis connection string.</summary>
    public string Connection => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "analytics-redis-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        var server = new RedisServer(FreePort.Next(), directory);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on the same port and folder; completes when it answers PING (after loading its data).</summary>
    public async Task StartAgainAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList =
            {
                "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", Directory,
                "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--logfile", "redis.log",
            },
            UseShellExecute = false,
        };
        process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start (is it installed? test.sh installs it)");
        await ChildProcesses.WaitUntilReadyAsync(process, $"redis-server on port {Port}", Path.Combine(Directory, "redis.log"), AnswersPingAsync, StartTimeout, TimeSpan.FromMilliseconds(50));
    }

    /// <summary>kill -9.</summary>
    public void Kill() => process.KillHard();

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A log still being flushed: the temp folder is cleaned by the OS later.
        }
        return ValueTask.CompletedTask;
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }
}
