using System.Text;
using System.Threading.Channels;

namespace Analytics.Silo.Live;

/// <summary>
/// GET /api/live: server-sent events, one "brand" event per brand push (data: the brand's
/// summary, as an item of GET /api/brands) and one "alert" event per entry of a brand's alert
/// history as it is made (data: as an item of GET /api/brands/{brand}/alerts/history). A new connection first gets the latest figures of
/// every brand the hub holds, so a page that reconnects is whole again at once.
/// </summary>
public static class LiveEndpoint
{
    // Proxies drop a silent connection, and a page cannot tell a quiet engine from a dead link:
    // an event every 15 s (not a comment, which EventSource does not surface) settles both.
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    // A page that reads slower than brands push loses the oldest updates, never the silo's memory:
    // each update holds a brand's whole figures, so the newer one of a brand supersedes the older.
    private const int QueuedUpdates = 1024;

    /// <summary>Streams updates until the page goes away or the silo stops.</summary>
    public static async Task HandleAsync(HttpContext context, LiveHub hub, IHostApplicationLifetime lifetime)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";

        var queue = Channel.CreateBounded<LiveUpdate>(new BoundedChannelOptions(QueuedUpdates) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        using var connection = hub.Connect();
        // A key that sees some brands only hears of those.
        var caller = Security.ApiCaller.Of(context);
        using var subscription = hub.Updates.Subscribe(u =>
        {
            if (caller.Sees(u.Brand)) queue.Writer.TryWrite(u);
        });
        try
        {
            // The browser waits this long before reconnecting after a lost connection.
            await WriteAsync(response, "retry: 2000\n\n", stop.Token);
            foreach (var update in hub.Latest.Where(u => caller.Sees(u.Brand))) await WriteAsync(response, Event(update), stop.Token);
            await response.Body.FlushAsync(stop.Token);
            Task<bool>? ready = null;
            while (!stop.IsCancellationRequested)
            {
                // One pending wait at a time (a single-reader channel), kept across heartbeats.
                ready ??= queue.Reader.WaitToReadAsync(stop.Token).AsTask();
                if (await Task.WhenAny(ready, Task.Delay(Heartbeat, stop.Token)) != ready)
                {
                    await WriteAsync(response, "event: heartbeat\ndata: {}\n\n", stop.Token);
                    await response.Body.FlushAsync(stop.Token);
                    continue;
                }
                if (!await ready) break;
                ready = null;
                while (queue.Reader.TryRead(out var update)) await WriteAsync(response, Event(update), stop.Token);
                await response.Body.FlushAsync(stop.Token);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The page went away or the silo stops: nothing to answer.
        }
    }

    private static string Event(LiveUpdate update) => $"event: {update.Event}\ndata: {update.Json}\n\n";

    private static Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken) =>
        response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).AsTask();
}
