using System.Diagnostics;

namespace Analytics.Client.Benchmarks;

/// <summary>Managed heap after full compacting collections, and the process working set.</summary>
/// <param name="HeapBytes">Live managed bytes.</param>
/// <param name="WorkingSetBytes">Resident bytes of the process (server GC keeps freed segments, so this lags the heap).</param>
public readonly record struct ProcessMemory(long HeapBytes, long WorkingSetBytes)
{
    /// <summary>Collects until nothing more is freed, then measures.</summary>
    public static ProcessMemory Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        using var process = Process.GetCurrentProcess();
        return new ProcessMemory(GC.GetTotalMemory(false), process.WorkingSet64);
    }
}
