using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Analytics.Domain.Packing;

/// <summary>
/// Loads memory into the cache ahead of its use. Large tables and columns are read at random, each
/// read a cache miss, one after another; started a few items ahead, the misses overlap.
/// </summary>
internal static class CacheHints
{
    /// <summary>Starts loading the cache line that holds <paramref name="at"/>. A hint only: it never faults, so it is safe on memory another thread changes.</summary>
    public static unsafe void Prefetch<T>(ref T at)
    {
        if (Sse.IsSupported) Sse.Prefetch0(Unsafe.AsPointer(ref at));
    }
}
