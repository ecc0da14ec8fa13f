using System.Diagnostics;

namespace Analytics.Tests.Redis;

/// <summary>What the tests do with the real processes they start (redis-server, silos): wait until ready, kill -9.</summary>
internal static class ChildProcesses
{
    /// <summary>Polls <paramref name="ready"/> until it answers true; fails at once if the process exits, or at the deadline.</summary>
    public static async Task WaitUntilReadyAsync(Process process, string name, string log, Func<Task<bool>> ready, TimeSpan timeout, TimeSpan poll)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await ready())
        {
            if (process.HasExited) throw new InvalidOperationException($"{name} exited with {process.ExitCode}; see {log}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} was not ready within {timeout}; see {log}");
            await Task.Delay(poll);
        }
    }

    /// <summary>kill -9, and wait until it is gone.</summary>
    public static void KillHard(this Process? process)
    {
        if (process is null || process.HasExited) return;
        process.Kill();
        process.WaitForExit();
    }
}
