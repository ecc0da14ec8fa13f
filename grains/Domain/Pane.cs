using Analytics.Models;

namespace Analytics.Domain;

/// <summary>
/// One (minute, channel) of a brand: the cohort of conversations whose t0 falls in it and the
/// activity of events in it. Everything that depends on the as-of is left to query time, so a
/// pane changes only when a contribution does.
/// </summary>
internal sealed class Pane
{
    /// <summary>First response times of responded conversations (FRT &lt;= H), ascending.</summary>
    public readonly List<long> Frts = [];

    /// <summary>t0 of the other conversations; pending or unanswered is decided at the as-of.</summary>
    public readonly List<long> OpenT0s = [];

    public long Opened, WithinSla;
    public ExactSum RespondedRisk;
    public long Inbound, Outbound, Responses, ResponseTimeSum, Follows, Unfollows;

    public bool IsEmpty => Opened == 0 && Inbound == 0 && Outbound == 0 && Follows == 0 && Unfollows == 0 && Responses == 0;

    /// <summary>Adds (sign 1) or removes (sign -1) a conversation's cohort entry.</summary>
    public void ApplyCohort(Cohort cohort, int sign, RiskModel risk)
    {
        Opened += sign;
        if (cohort.Frt is { } frt && frt <= risk.Settings.Horizon)
        {
            SortedEdit(Frts, frt, sign);
            if (frt <= risk.Settings.Sla) WithinSla += sign;
            RespondedRisk = sign > 0 ? RespondedRisk + risk.Of(frt) : RespondedRisk - risk.Of(frt);
        }
        else
        {
            SortedEdit(OpenT0s, cohort.T0, sign);
        }
    }

    /// <summary>Adds (sign 1) or removes (sign -1) a conversation's activity cell.</summary>
    public void ApplyActivity(ActivityCell cell, int sign)
    {
        Inbound += sign * cell.Inbound;
        Outbound += sign * cell.Outbound;
        Responses += sign * cell.Responses;
        ResponseTimeSum += sign * cell.ResponseTimeSum;
        Follows += sign * cell.Follows;
        Unfollows += sign * cell.Unfollows;
    }

    private static void SortedEdit(List<long> list, long value, int sign)
    {
        var at = list.BinarySearch(value);
        if (sign > 0)
        {
            list.Insert(at < 0 ? ~at : at, value);
        }
        else if (at >= 0)
        {
            list.RemoveAt(at);
        }
        else
        {
            throw new InvalidOperationException($"retracting {value} that was never added");
        }
    }
}
