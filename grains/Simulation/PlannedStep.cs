using Analytics.Models;

namespace Analytics.Simulation;

/// <summary>One event of a planned conversation, <paramref name="Offset"/> microseconds after its first event.</summary>
internal readonly record struct PlannedStep(long Offset, EventKind Kind, Direction Direction);
