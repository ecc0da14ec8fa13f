namespace Analytics.Client.Benchmarks;

/// <summary>Memory per conversation, open (grain active) and idle (grain deactivated, state kept).</summary>
/// <param name="Conversations">Conversations opened.</param>
/// <param name="EventsPerConversation">Messages each holds on average.</param>
/// <param name="ActiveHeapBytes">Managed heap per active conversation, brand side included.</param>
/// <param name="ActiveWorkingSetBytes">Working set per active conversation.</param>
/// <param name="IdleHeapBytes">Managed heap per conversation after every grain deactivated (stored state of conversations and brands).</param>
/// <param name="IdleWorkingSetBytes">Working set per idle conversation (server GC returns memory lazily: an upper bound).</param>
/// <param name="ActivationsLeft">Activations still alive after the forced collection (system and stream grains).</param>
public sealed record MemoryFigures(
    int Conversations, double EventsPerConversation, double? ActiveHeapBytes, double? ActiveWorkingSetBytes,
    double? IdleHeapBytes, double? IdleWorkingSetBytes, int ActivationsLeft);
