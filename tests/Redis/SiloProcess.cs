using Analytics.Hosting;
using System.Diagnostics;
using System.Globalization;
using Analytics.Tests.Api;

namespace Analytics.Tests.Redis;

/// <summary>
/// The built silo host (Analytics.Silo.dll, built by the tests' project reference) as its own
/// process in cluster mode, on free loopback ports, its output in a log file.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Dictionary<string, string> environment;
    private readonly string log;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private Process? process;

    /// <param name="name">Names the log file.</param>
    /// <param name="redis">Redis connection string; empty for embedded mode.</param>
    /// <param name="logDirectory">Where the log goes.</param>
    /// <param name="settings">More environment variables.</param>
    /// <param name="urlsVariable">The environment variable that gives the silo its HTTP address.</param>
    public SiloProcess(string name, string redis, string logDirectory, IReadOnlyDictionary<string, string>? settings = null, string urlsVariable = "Urls")
    {
        Name = name;
        var httpPort = FreePort.Next();
        Url = new Uri($"http://127.0.0.1:{httpPort}/");
        log = Path.Combine(logDirectory, name + ".log");
        environment = new Dictionary<string, string>
        {
            ["Analytics__Redis"] = redis,
            ["Analytics__AsOf"] = "Replay",
            ["Analytics__DemoFeed"] = "false",
            ["Analytics__DataDir"] = "",
            // Redelivery of what a dead silo left is prompt at start; this only bounds the retry of failed deliveries.
            ["Analytics__RedeliverAfter"] = "00:00:05",
            ["Orleans__SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            [urlsVariable] = Url.ToString().TrimEnd('/'),
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_gcServer"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
    }

    public string Name { get; }

    /// <summary>The directory the process starts in; null: the tests' own.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The silo's HTTP base address.</summary>
    public Uri Url { get; }

    /// <summary>The built silo, next to the test assembly's configuration (bin/CONFIG/net10.0).</summary>
    public static string DllPath => BuiltDll("silo", "Analytics.Silo.dll");

    /// <summary>A project's built assembly in the test assembly's configuration (PROJECT/bin/CONFIG/net10.0/DLL).</summary>
    public static string BuiltDll(string project, string dll)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var (framework, configuration) = (here.Name, here.Parent!.Name);
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Analytics.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException($"no Analytics.sln above {AppContext.BaseDirectory}");
        return Path.Combine(root.FullName, project, "bin", configuration, framework, dll);
    }

    /// <summary>Starts the process (again, on the same ports); completes when /health answers.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = WorkingDirectory ?? "" };
        start.ArgumentList.Add(DllPath);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var writer = new StreamWriter(log, append: true) { AutoFlush = true };
        process = Process.Start(start) ?? throw new InvalidOperationException($"{Name} did not start");
        process.OutputDataReceived += (_, e) => Write(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Write(writer, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await ChildProcesses.WaitUntilReadyAsync(process, Name, log, HealthyAsync, StartTimeout, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>kill -9.</summary>
    public void Kill() => process.KillHard();

    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Write(StreamWriter writer, string? line)
    {
        if (line is null) return;
        lock (writer) writer.WriteLine(line);
    }

    private async Task<bool> HealthyAsync()
    {
        try
        {
            using var response = await http.GetAsync(new Uri(Url, "health"));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }
}
