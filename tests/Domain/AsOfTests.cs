using Analytics.Domain;
using Analytics.Hosting;
using Analytics.Models;

namespace Analytics.Tests.Domain;

public class AsOfTests
{
    private static readonly DateTimeOffset Now = new(2024, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly long Latest = Time.FromDateTimeOffset(Now.AddHours(-2));

    [Fact]
    public void Of_Replay_IsLatestEvent() =>
        Assert.Equal(Latest, AsOf.Of(Latest, AsOfMode.Replay, Now, TimeSpan.FromSeconds(5)));

    [Fact]
    public void Of_LiveWithOldEvents_FollowsTheClockMinusLateness() =>
        Assert.Equal(Time.FromDateTimeOffset(Now.AddSeconds(-5)), AsOf.Of(Latest, AsOfMode.Live, Now, TimeSpan.FromSeconds(5)));

    [Fact]
    public void Of_LiveWithEventAheadOfClock_IsTheEvent()
    {
        var ahead = Time.FromDateTimeOffset(Now.AddMinutes(1));
        Assert.Equal(ahead, AsOf.Of(ahead, AsOfMode.Live, Now, TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Of_NoEvents_IsNull() => Assert.Null(AsOf.Of(null, AsOfMode.Live, Now, TimeSpan.Zero));
}
