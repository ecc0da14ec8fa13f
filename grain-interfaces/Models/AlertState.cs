namespace Analytics.Models;

/// <summary>What an alert entry says.</summary>
public enum AlertState
{
    /// <summary>The rule's condition began to hold (for a forecast: new customers about to breach).</summary>
    Fired,

    /// <summary>The condition no longer holds (for a forecast: none of its customers is still waiting).</summary>
    Resolved,

    /// <summary>A webhook did not take the alert after every attempt.</summary>
    DeadLetter,
}
