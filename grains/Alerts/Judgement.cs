namespace Analytics.Alerts;

/// <summary>A condition rule judged at one as-of.</summary>
/// <param name="At">The as-of.</param>
/// <param name="Holds">Whether the condition holds; null when it cannot be judged yet (the state stays).</param>
/// <param name="Value">The figure judged.</param>
/// <param name="Message">What an alert made from this judgement says.</param>
internal readonly record struct Judgement(long At, bool? Holds, double Value, string Message);
