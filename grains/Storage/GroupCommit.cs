namespace Analytics.Storage;

/// <summary>
/// Gathers requests that arrive while a round trip is under way and sends them together in the
/// next one: group commit. A router fans a batch out to hundreds of conversations at once, so
/// their reads and writes to Redis go in a handful of round trips instead of one each, and each
/// caller still awaits its own request's outcome before it answers. A failed round trip fails
/// every request it carried; a request's own failure (a stale ETag) fails that request alone.
/// </summary>
public sealed class GroupCommit<TRequest, TResult>(Func<IReadOnlyList<TRequest>, Task<TResult[]>> send, int maxInFlight = 2, int maxGroup = 2048)
{
    private readonly Lock gate = new();
    private List<Pending> waiting = [];
    private int inFlight;

    /// <summary>Queues a request; completes when the round trip that carried it answered.</summary>
    public Task<TResult> SubmitAsync(TRequest request)
    {
        // Completed inline by the sender: a grain awaiting it resumes on its own scheduler anyway,
        // so a hop through the thread pool first would only add a work item per request.
        var pending = new Pending(request, new TaskCompletionSource<TResult>());
        bool start;
        lock (gate)
        {
            waiting.Add(pending);
            start = inFlight < maxInFlight;
            if (start) inFlight++;
        }
        // Off the caller's thread: a grain's scheduler should not run the round trips of others.
        if (start) ThreadPool.UnsafeQueueUserWorkItem(static self => _ = self.SendAllAsync(), this, preferLocal: false);
        return pending.Done.Task;
    }

    private async Task SendAllAsync()
    {
        while (Take() is { } group)
        {
            try
            {
                var requests = new TRequest[group.Count];
                for (var i = 0; i < group.Count; i++) requests[i] = group[i].Request;
                var results = await send(requests);
                for (var i = 0; i < group.Count; i++) group[i].Done.TrySetResult(results[i]);
            }
            catch (Exception e)
            {
                foreach (var p in group) p.Done.TrySetException(e);
            }
        }
    }

    // Everything waiting (up to a group's size), or null when nothing is: this sender then stops.
    private List<Pending>? Take()
    {
        lock (gate)
        {
            if (waiting.Count == 0)
            {
                inFlight--;
                return null;
            }
            if (waiting.Count <= maxGroup)
            {
                var all = waiting;
                waiting = [];
                return all;
            }
            var some = waiting.GetRange(0, maxGroup);
            waiting.RemoveRange(0, maxGroup);
            return some;
        }
    }

    private sealed record Pending(TRequest Request, TaskCompletionSource<TResult> Done);
}
