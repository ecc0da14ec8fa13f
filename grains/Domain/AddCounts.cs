using Analytics.Models;

namespace Analytics.Domain;

/// <summary>What adding a batch of events did to a conversation's <see cref="EventSet"/>.</summary>
/// <param name="Added">Events with an id the set did not hold.</param>
/// <param name="Duplicates">Events whose id the set already held (plain and conflicting copies).</param>
/// <param name="ConflictingDuplicates">Of those, copies with another payload (METRICS-SPEC section 1).</param>
/// <param name="Changed">True when the set changed, so the conversation's contribution has a new version.</param>
public readonly record struct AddCounts(int Added, int Duplicates, int ConflictingDuplicates, bool Changed)
{
    /// <summary>
    /// Adds <paramref name="batch"/> to <paramref name="events"/>. The one rule for taking events
    /// into a conversation, used by the conversation grain (live) and by the history import.
    /// </summary>
    public static AddCounts AddAll(EventSet events, IReadOnlyList<ConversationEvent> batch)
    {
        int added = 0, duplicates = 0, conflicting = 0;
        var changed = false;
        // By index: a foreach over the interface would box the list's enumerator.
        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch[i];
            var outcome = events.Add(e);
            added += outcome == AddOutcome.Added ? 1 : 0;
            duplicates += outcome == AddOutcome.Added ? 0 : 1;
            conflicting += outcome is AddOutcome.ConflictKept or AddOutcome.ConflictReplaced ? 1 : 0;
            changed |= outcome is AddOutcome.Added or AddOutcome.ConflictReplaced;
        }
        return new AddCounts(added, duplicates, conflicting, changed);
    }
}
