using Analytics.Client.Infrastructure;
using Analytics.Models;
using Analytics.Simulation;
using Orleans.Runtime;

namespace Analytics.Client.Benchmarks;

/// <summary>
/// Memory per conversation in a fresh in-process silo: the heap before and after opening a known
/// number of conversations (grains active), and again after forcing every grain to deactivate
/// (their state kept in storage).
/// </summary>
public static class MemoryBenchmark
{
    /// <param name="conversations">Conversations opened.</param>
    /// <param name="brands">Brands they belong to.</param>
    /// <param name="text">Messages with authors and texts like real mentions, kept (<c>Analytics:KeepText</c>).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public static async Task<MemoryFigures> RunAsync(int conversations, int brands, bool text, CancellationToken cancellationToken)
    {
        await using var target = new EmbeddedTarget(await EmbeddedSilo.StartAsync(cancellationToken: cancellationToken));
        var start = Time.FromDateTimeOffset(DateTimeOffset.UtcNow);
        // A first small set warms the code paths and creates the brands, so the baseline holds them.
        await OpenAsync(target, new OpenConversationTraffic(Math.Min(conversations, 5000), brands, "warm-"), start, cancellationToken);
        var before = ProcessMemory.Measure();

        var traffic = new OpenConversationTraffic(conversations, brands, "mem-", text);
        var events = await OpenAsync(target, traffic, start, cancellationToken);
        var active = ProcessMemory.Measure();

        var management = target.Grains.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        var left = await management.GetTotalActivationCount();
        var idle = ProcessMemory.Measure();

        return new MemoryFigures(
            conversations,
            events / (double)conversations,
            BenchMath.PerConversation(before.HeapBytes, active.HeapBytes, conversations),
            BenchMath.PerConversation(before.WorkingSetBytes, active.WorkingSetBytes, conversations),
            BenchMath.PerConversation(before.HeapBytes, idle.HeapBytes, conversations),
            BenchMath.PerConversation(before.WorkingSetBytes, idle.WorkingSetBytes, conversations),
            left);
    }

    /// <summary>Sends every conversation's opening messages and waits until the brands reflect them; returns the events sent.</summary>
    internal static async Task<long> OpenAsync(EmbeddedTarget target, OpenConversationTraffic traffic, long start, CancellationToken cancellationToken)
    {
        var receipt = await target.ReplayAsync(EventLines.Of(traffic.Opening(start)), new ReplayCounters(), cancellationToken);
        while (!await target.WaitCaughtUpAsync(TimeSpan.FromSeconds(1), cancellationToken))
        {
        }
        return receipt.Accepted;
    }
}
