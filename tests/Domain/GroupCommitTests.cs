using Analytics.Storage;

namespace Analytics.Tests.Domain;

/// <summary>Group commit: what arrives during a round trip goes in the next one, and each caller gets its own answer.</summary>
public class GroupCommitTests
{
    [Fact]
    public async Task SubmitAsync_WhileARoundTripIsUnderway_LaterRequestsGoTogether()
    {
        var groups = new List<int[]>();
        var firstAnswered = new TaskCompletionSource();
        var commit = new GroupCommit<int, int>(async requests =>
        {
            lock (groups) groups.Add([.. requests]);
            if (groups.Count == 1) await firstAnswered.Task;
            return [.. requests.Select(r => r * 10)];
        }, maxInFlight: 1);

        var first = commit.SubmitAsync(0);
        while (true)
        {
            lock (groups) if (groups.Count == 1) break;
            await Task.Yield();
        }
        var later = Enumerable.Range(1, 50).Select(commit.SubmitAsync).ToList();
        firstAnswered.SetResult();

        Assert.Equal(0, await first);
        Assert.Equal(Enumerable.Range(1, 50).Select(r => r * 10), await Task.WhenAll(later));
        Assert.Equal([[0], [.. Enumerable.Range(1, 50)]], groups);
    }

    [Fact]
    public async Task SubmitAsync_ManyAtOnce_GroupsNeverExceedTheirSize()
    {
        var sizes = new List<int>();
        var commit = new GroupCommit<int, int>(async requests =>
        {
            lock (sizes) sizes.Add(requests.Count);
            await Task.Delay(1);
            return [.. requests];
        }, maxInFlight: 2, maxGroup: 16);

        var answers = await Task.WhenAll(Enumerable.Range(0, 1000).Select(commit.SubmitAsync));

        Assert.Equal(Enumerable.Range(0, 1000), answers);
        Assert.Equal(1000, sizes.Sum());
        Assert.All(sizes, s => Assert.InRange(s, 1, 16));
        Assert.True(sizes.Count < 1000, "requests that arrived together went together");
    }

    [Fact]
    public async Task SubmitAsync_RoundTripFails_ItsRequestsFail_LaterOnesSucceed()
    {
        var calls = 0;
        var commit = new GroupCommit<int, int>(requests =>
            Interlocked.Increment(ref calls) == 1 ? Task.FromException<int[]>(new IOException("connection lost")) : Task.FromResult(requests.ToArray()));

        var failed = await Assert.ThrowsAsync<IOException>(() => commit.SubmitAsync(1));
        Assert.Equal("connection lost", failed.Message);
        Assert.Equal(2, await commit.SubmitAsync(2));
    }
}
