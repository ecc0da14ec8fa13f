using System.Diagnostics.CodeAnalysis;
using Orleans.Runtime.GrainDirectory;

namespace Analytics.Hosting;

/// <summary>
/// Cluster mode's cache of grain addresses. A conversation is in no directory
/// (<see cref="Storage.CallerSiloDirectory"/>): a call to one goes to the caller's own silo, which
/// activates it there if it is not active yet. So the cache answers that for every conversation
/// and holds nothing for them; Orleans' own cache (kept here for every other grain) held an entry
/// for each of hundreds of thousands of conversations, kept it current on every call, and the
/// Orleans Dashboard counted them all every second: about 4% of a busy cluster silo's CPU.
/// </summary>
public sealed class ConversationAddressCache(IGrainDirectoryCache others, ILocalSiloDetails silo) : IGrainDirectoryCache
{
    private static readonly GrainType Conversation = GrainType.Create(Names.ConversationGrainType);

    public IEnumerable<(GrainAddress ActivationAddress, int Version)> KeyValues => others.KeyValues;

    public void AddOrUpdate(GrainAddress value, int version)
    {
        if (value.GrainId.Type != Conversation) others.AddOrUpdate(value, version);
    }

    public bool LookUp(GrainId key, [NotNullWhen(true)] out GrainAddress? result, out int version)
    {
        if (key.Type != Conversation) return others.LookUp(key, out result, out version);
        // A fresh address per call (Orleans reads its silo only): short-lived, where an entry kept
        // per conversation outlived young collections.
        result = new GrainAddress { GrainId = key, SiloAddress = silo.SiloAddress };
        version = 0;
        return true;
    }

    public bool Remove(GrainId key) => key.Type != Conversation && others.Remove(key);

    public bool Remove(GrainAddress key) => key.GrainId.Type != Conversation && others.Remove(key);

    public void Clear() => others.Clear();
}
