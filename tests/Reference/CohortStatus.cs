namespace Analytics.Tests.Reference;

/// <summary>The three disjoint outcomes of a customer conversation (responded + pending + unanswered = opened).</summary>
public enum CohortStatus
{
    Responded,
    Pending,
    Unanswered,
}
