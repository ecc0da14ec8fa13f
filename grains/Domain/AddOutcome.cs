namespace Analytics.Domain;

/// <summary>What adding one event did to an <see cref="EventSet"/>.</summary>
public enum AddOutcome
{
    /// <summary>A new id.</summary>
    Added,
    /// <summary>The same id with the same payload: nothing changed.</summary>
    Duplicate,
    /// <summary>The same id with another payload whose digest is smaller: it replaced the held copy.</summary>
    ConflictReplaced,
    /// <summary>The same id with another payload whose digest is larger: the held copy stays.</summary>
    ConflictKept,
}
