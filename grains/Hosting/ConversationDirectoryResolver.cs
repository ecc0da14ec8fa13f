using System.Diagnostics.CodeAnalysis;
using Orleans.GrainDirectory;
using Orleans.Metadata;
using Orleans.Runtime.GrainDirectory;

namespace Analytics.Hosting;

/// <summary>
/// Cluster mode: conversations are found through <paramref name="directory"/> (none, see
/// <see cref="Storage.CallerSiloDirectory"/>); every other grain keeps Orleans' own directory.
/// Chosen here rather than by an attribute on the grain, so that embedded mode is untouched.
/// </summary>
public sealed class ConversationDirectoryResolver(IGrainDirectory directory) : IGrainDirectoryResolver
{
    private static readonly GrainType Conversation = GrainType.Create(Names.ConversationGrainType);

    public bool TryResolveGrainDirectory(GrainType grainType, GrainProperties? properties, [NotNullWhen(true)] out IGrainDirectory? grainDirectory)
    {
        grainDirectory = grainType == Conversation ? directory : null;
        return grainDirectory is not null;
    }
}
