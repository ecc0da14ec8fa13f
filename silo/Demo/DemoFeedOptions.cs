namespace Analytics.Silo.Demo;

/// <summary>The demo feed's settings, from the "Analytics" section (e.g. --Analytics:DemoFeed=false).</summary>
public sealed class DemoFeedOptions
{
    /// <summary>Runs the feed; true in appsettings.json (the embedded default), false in tests. Turn it off for real data and in cluster mode (each silo would run one).</summary>
    public bool DemoFeed { get; set; }

    /// <summary>Average events a second, all brands together: lively on a page, light on a laptop.</summary>
    public double DemoFeedEventsPerSecond { get; set; } = 30;

    /// <summary>
    /// Event time generated at once on start, ending now, so that the page shows rates, charts and
    /// people waiting within seconds instead of after the first hour.
    /// </summary>
    public TimeSpan DemoFeedHistory { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Seed of the generator: the same seed gives the same brands and conversations.</summary>
    public int DemoFeedSeed { get; set; } = 2017;
}
