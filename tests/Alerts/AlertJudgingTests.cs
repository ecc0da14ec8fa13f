using System.Reactive.Concurrency;
using System.Reactive.Linq;
using Analytics.Alerts;
using Analytics.Domain;
using Analytics.Models;
using Analytics.Tests.Domain;
using static Analytics.Tests.Domain.Events;

namespace Analytics.Tests.Alerts;

/// <summary>
/// The rules in virtual time: a HistoricalScheduler ticks every 10 s of the brand's clock and each
/// tick observes a real <see cref="BrandLedger"/> at the scheduler's time; contributions change the
/// ledger at chosen instants between ticks. Default settings: SLA 1 h, horizon 24 h.
/// </summary>
public class AlertJudgingTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(10);

    private sealed class Harness
    {
        public Harness(params AlertRule[] rules)
        {
            var set = new AlertRules(rules, []);
            Observable.Interval(Tick, Scheduler)
                .Select(_ => AlertObservation.Of(Ledger, "B", set, Time.FromDateTimeOffset(Scheduler.Now)))
                .Judge("B", set)
                .Subscribe(Alerts.Add);
        }

        public HistoricalScheduler Scheduler { get; } = new(Time.ToDateTimeOffset(Base));

        public BrandLedger Ledger { get; } = new(BrandSettings.Default);

        public List<Alert> Alerts { get; } = [];

        // A conversation's contribution as its grain would send it, applied at the instant of its last event.
        public void Conversation(string id, long version, params ConversationEvent[] events)
        {
            var ordered = events.Order(EventOrder.Instance).ToList();
            var contribution = ConversationShape.Of(ordered).ToContribution(id, -1, version);
            Scheduler.ScheduleAbsolute(Time.ToDateTimeOffset(ordered[^1].Timestamp), () => Ledger.Apply(contribution));
        }

        public void RunTo(double minutes) => Scheduler.AdvanceTo(Time.ToDateTimeOffset(At(minutes)));
    }

    private static double Minutes(long at) => (at - Base) / (double)Time.MicrosPerMinute;

    [Fact]
    public void SlaBreachForecast_FiresTheWithinBeforeTheBreach_OncePerMinute_AndResolvesWhenAnsweredOrBreached()
    {
        var h = new Harness(new AlertRule(AlertRule.SlaBreachForecast, WithinSeconds: 600));
        // c1 waits from 0:00, c3 from 0:30 (its forecast falls in the minute c1's fired in), c2 from 2:00.
        h.Conversation("c1", 1, In("c1-1", 0));
        h.Conversation("c3", 1, In("c3-1", 0.5));
        h.Conversation("c2", 1, In("c2-1", 2));
        // c1 is answered at 55:15, before its breach at 60:00; c3 at 58:15; c2 never.
        h.Conversation("c1", 2, In("c1-1", 0), Out("c1-2", 55.25));
        h.Conversation("c3", 2, In("c3-1", 0.5), Out("c3-2", 58.25));

        h.RunTo(49.9);
        Assert.Empty(h.Alerts);
        h.RunTo(70);

        Assert.Collection(h.Alerts,
            a => Fired(a, "B/0/1", 50, ("c1", 600)),
            // c3's forecast was due at 50:30, in a minute that had its alert: it waits for 51:00.
            a => Fired(a, "B/0/2", 51, ("c3", 570)),
            a => Fired(a, "B/0/3", 52, ("c2", 600)),
            a => Resolved(a, "B/0/1", 55 + (20 / 60.0), answered: 1, breached: 0),
            a => Resolved(a, "B/0/2", 58 + (20 / 60.0), answered: 1, breached: 0),
            // c2's wait reaches the SLA at 62:00 (still within) and passes it by the next tick.
            a => Resolved(a, "B/0/3", 62 + (10 / 60.0), answered: 0, breached: 1));
    }

    [Fact]
    public void ResponseRateBelow_FiresWhenTheWindowFallsBelow_ResolvesWhenItRisesBack_NotBelowMinOpened()
    {
        var h = new Harness(new AlertRule(AlertRule.ResponseRateBelow, Threshold: 0.5, WindowSeconds: 3600, MinOpened: 2));
        h.Conversation("c1", 1, In("c1-1", 0));
        h.Conversation("c2", 1, In("c2-1", 1.05));
        h.Conversation("c1", 2, In("c1-1", 0), Out("c1-2", 5.05));

        h.RunTo(1);
        Assert.Empty(h.Alerts);
        h.RunTo(10);

        Assert.Collection(h.Alerts,
            a =>
            {
                Assert.Equal((AlertState.Fired, "B/0/1", 0.0), (a.State, a.Id, a.Value));
                Assert.Equal(1 + (10 / 60.0), Minutes(a.At), 6);
                Assert.Contains("below 50%", a.Message, StringComparison.Ordinal);
            },
            a =>
            {
                Assert.Equal((AlertState.Resolved, "B/0/1", 0.5), (a.State, a.Id, a.Value));
                Assert.Equal(5 + (10 / 60.0), Minutes(a.At), 6);
            });
    }

    [Fact]
    public void BacklogGrowth_FiresOnTheSlopeOverTheWindow_OnceHalfOfItIsSeen_ResolvesWhenGrowthStops()
    {
        var h = new Harness(new AlertRule(AlertRule.BacklogGrowth, PerMinuteAbove: 1, WindowSeconds: 600));
        // A new waiting customer every 20 s from 0:05 to 9:45 (3 a minute), then none.
        for (var i = 0; i < 30; i++) h.Conversation($"c{i}", 1, In($"c{i}-1", ((20 * i) + 5) / 60.0));

        h.RunTo(40);

        Assert.Equal(2, h.Alerts.Count);
        var (fired, resolved) = (h.Alerts[0], h.Alerts[1]);
        // The first tick (0:10) saw 1 waiting; by 5:10 the samples span half the window: 16 waiting.
        Assert.Equal((AlertState.Fired, 5 + (10 / 60.0)), (fired.State, Minutes(fired.At)));
        Assert.Equal(15 / 5.0, fired.Value, 9);
        Assert.Equal(AlertState.Resolved, resolved.State);
        Assert.Equal(fired.Id, resolved.Id);
        // Resolved once the window's oldest sample is late enough that growth is at most 1 a minute (30 - 20 over 10 minutes).
        Assert.InRange(Minutes(resolved.At), 10, 20);
        Assert.True(resolved.Value <= 1);
    }

    [Fact]
    public void Judge_TheSameObservationsTwice_GivesTheSameAlerts()
    {
        AlertRule[] rules =
        [
            new(AlertRule.SlaBreachForecast, WithinSeconds: 900),
            new(AlertRule.ResponseRateBelow, Threshold: 0.8, WindowSeconds: 1800, MinOpened: 3),
            new(AlertRule.BacklogGrowth, PerMinuteAbove: 0.2, WindowSeconds: 1200),
        ];
        List<Alert> Run()
        {
            var h = new Harness(rules);
            var random = new Random(7);
            for (var i = 0; i < 60; i++)
            {
                var t = random.NextDouble() * 90;
                if (random.Next(3) == 0) h.Conversation($"c{i}", 1, In($"c{i}-1", t), Out($"c{i}-2", t + (random.NextDouble() * 80)));
                else h.Conversation($"c{i}", 1, In($"c{i}-1", t));
            }
            h.RunTo(200);
            return h.Alerts;
        }

        var first = Run();

        Assert.Equal(first, Run(), new AlertComparer());
        Assert.Contains(first, a => a.Kind == AlertRule.SlaBreachForecast);
        Assert.Contains(first, a => a.Kind == AlertRule.ResponseRateBelow);
    }

    private static void Fired(Alert a, string id, double minutes, params (string Conversation, double SecondsLeft)[] customers)
    {
        Assert.Equal((AlertState.Fired, id, AlertRule.SlaBreachForecast), (a.State, a.Id, a.Kind));
        Assert.Equal(minutes, Minutes(a.At), 6);
        Assert.Equal(customers.Length, a.Value);
        Assert.Equal(customers, a.Customers.Select(c => (c.ConversationId, c.SecondsLeft)));
    }

    private static void Resolved(Alert a, string id, double minutes, int answered, int breached)
    {
        Assert.Equal((AlertState.Resolved, id), (a.State, a.Id));
        Assert.Equal(minutes, Minutes(a.At), 6);
        Assert.Contains($"{answered} answered within the SLA, {breached} waited past it", a.Message, StringComparison.Ordinal);
    }
}

/// <summary>Alerts equal field by field (their customer arrays by content).</summary>
internal sealed class AlertComparer : IEqualityComparer<Alert>
{
    public bool Equals(Alert? x, Alert? y) =>
        x is not null && y is not null && x with { Customers = [] } == y with { Customers = [] } && x.Customers.SequenceEqual(y.Customers);

    public int GetHashCode(Alert obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
}
