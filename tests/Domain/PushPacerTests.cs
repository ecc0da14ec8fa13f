using Analytics.Domain;

namespace Analytics.Tests.Domain;

public class PushPacerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly DateTimeOffset T = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void DueIn_FirstChange_IsNow()
    {
        var pacer = new PushPacer(Second, periodic: false);
        pacer.Changed();
        Assert.Equal(TimeSpan.Zero, pacer.DueIn(T));
    }

    [Fact]
    public void DueIn_ChangeSoonAfterAPush_WaitsOutTheInterval()
    {
        var pacer = new PushPacer(Second, periodic: false);
        pacer.Pushed(T);
        pacer.Changed();
        Assert.Equal(TimeSpan.FromMilliseconds(700), pacer.DueIn(T.AddMilliseconds(300)));
        Assert.Equal(TimeSpan.Zero, pacer.DueIn(T.AddSeconds(2)));
    }

    [Fact]
    public void DueIn_NothingChangedInReplayMode_IsNever()
    {
        var pacer = new PushPacer(Second, periodic: false);
        pacer.Pushed(T);
        Assert.Null(pacer.DueIn(T.AddSeconds(5)));
    }

    [Fact]
    public void DueIn_NothingChangedInLiveMode_IsEveryInterval()
    {
        var pacer = new PushPacer(Second, periodic: true);
        pacer.Pushed(T);
        Assert.Equal(TimeSpan.FromMilliseconds(600), pacer.DueIn(T.AddMilliseconds(400)));
    }
}
