using System.Diagnostics;
using Analytics.Tests.Redis;

namespace Analytics.Tests.Client;

/// <summary>The built client run as a user runs it: its own process, output and exit code.</summary>
internal static class ClientProcess
{
    /// <summary>Runs the client with <paramref name="arguments"/>; its exit code and its standard output followed by its standard error.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(SiloProcess.BuiltDll("client", "analytics.dll"));
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the client did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
