using System.Runtime.InteropServices;

namespace Analytics.Client.Benchmarks;

/// <summary>Where figures came from: they mean little without the machine and how busy it was.</summary>
/// <param name="Cores">Logical processors.</param>
/// <param name="Os">Operating system.</param>
/// <param name="Runtime">.NET runtime.</param>
/// <param name="ServerGc">Whether server GC was on.</param>
/// <param name="LoadAverage">1, 5 and 15 minute load averages (Linux), which show other work on the machine.</param>
public sealed record MachineInfo(int Cores, string Os, string Runtime, bool ServerGc, string LoadAverage)
{
    /// <summary>The machine now.</summary>
    public static MachineInfo Now() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        System.Runtime.GCSettings.IsServerGC,
        LoadAverageNow());

    /// <summary>The load averages, or "n/a" where /proc/loadavg does not exist.</summary>
    public static string LoadAverageNow() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
