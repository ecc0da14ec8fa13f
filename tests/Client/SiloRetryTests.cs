using System.Net;
using Analytics.Client.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Analytics.Tests.Client;

/// <summary>The client's retries on a fake clock: backoff with jitter, failover, the deadline, and no retry of a caller's mistake.</summary>
public class SiloRetryTests
{
    private static readonly Uri A = new("http://127.0.0.1:1/"), B = new("http://127.0.0.1:2/");

    [Fact]
    public void Delay_DoublesFrom250MsUpTo10S_WithJitterOfUpToHalf()
    {
        var random = new Random(1);
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var full = Math.Min(10_000, 250 * Math.Pow(2, attempt));
            var delay = SiloRetry.Delay(attempt, random).TotalMilliseconds;
            Assert.InRange(delay, full / 2, full);
        }
    }

    [Fact]
    public async Task RunAsync_TransientFailures_RetriedOnTheNextSiloUntilOneAnswers()
    {
        var time = new FakeTimeProvider();
        var retry = new SiloRetry([A, B], TimeSpan.FromMinutes(5), time, new Random(2));
        var notices = new List<string>();
        retry.Retrying += notices.Add;
        var called = new List<Uri>();

        var run = retry.RunAsync("posting", (silo, _) =>
        {
            called.Add(silo);
            return called.Count switch
            {
                1 => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused"),
                2 => throw new SiloHttpException(500, silo, "500 from the silo"),
                _ => Task.FromResult(42),
            };
        }, CancellationToken.None);
        var answer = await DriveAsync(run, time);

        Assert.Equal(42, answer);
        Assert.Equal([A, B, A], called);
        Assert.Equal(2, notices.Count);
        Assert.StartsWith("silo unavailable (ConnectionError), retrying in ", notices[0], StringComparison.Ordinal);
        Assert.EndsWith($" on {B}", notices[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StillFailingAtTheDeadline_OneLineErrorNamingTheCall()
    {
        var time = new FakeTimeProvider();
        var retry = new SiloRetry([A], TimeSpan.FromSeconds(30), time, new Random(3));
        var calls = 0;
        var started = time.GetUtcNow();

        var run = retry.RunAsync<int>("posting the lines from 1,001", (_, _) =>
        {
            calls++;
            throw new HttpRequestException(HttpRequestError.ConnectionError, "refused");
        }, CancellationToken.None);
        var error = await Assert.ThrowsAsync<SilosUnavailableException>(() => DriveAsync(run, time));

        Assert.Equal("posting the lines from 1,001 failed: ConnectionError; still failing after 30 s of retries (--retry-for)", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.InRange(time.GetUtcNow() - started, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
        Assert.InRange(calls, 5, 12);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task RunAsync_CallersMistake_NotRetried(HttpStatusCode status)
    {
        var retry = new SiloRetry([A, B], TimeSpan.FromMinutes(5), new FakeTimeProvider());
        var calls = 0;

        var error = await Assert.ThrowsAsync<SiloHttpException>(() => retry.RunAsync<int>("reading", (silo, _) =>
        {
            calls++;
            throw new SiloHttpException((int)status, silo, "no");
        }, CancellationToken.None));

        Assert.Equal((int)status, error.Status);
        Assert.Equal(1, calls);
    }

    // Moves the fake clock on until the run completes: its pauses are timers on that clock.
    private static async Task<T> DriveAsync<T>(Task<T> run, FakeTimeProvider time)
    {
        for (var step = 0; !run.IsCompleted && step < 10_000; step++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            // Real time for the retry loop to reach its next wait: on a busy machine a yield alone
            // let fake time run minutes ahead of a loop that had not yet looked at its deadline.
            await Task.Delay(1);
        }
        return await run;
    }
}
