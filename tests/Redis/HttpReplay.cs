using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace Analytics.Tests.Redis;

/// <summary>
/// Sends NDJSON lines to a cluster's silos over HTTP, several requests at once, the way a
/// load balancer would: a request that fails (its silo was killed, Redis is restarting) is sent
/// again to the next silo. A retried request may have been stored already; the grains then see its
/// events twice, which is exactly what the exactly-once effect has to absorb.
/// </summary>
public sealed class HttpReplay(IReadOnlyList<SiloProcess> silos) : IDisposable
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromMinutes(3);
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Requests that had to be sent again.</summary>
    public int Retries { get; private set; }

    /// <summary>
    /// Sends the lines in requests of <paramref name="linesPerRequest"/>; when request i starts,
    /// <paramref name="faults"/>[i] (if any) runs beside the replay. Completes when every request
    /// was accepted and every fault finished.
    /// </summary>
    public async Task SendAsync(IReadOnlyList<string> lines, int linesPerRequest, int parallel, IReadOnlyDictionary<int, Func<Task>> faults)
    {
        var requests = lines.Chunk(linesPerRequest).ToArray();
        var running = new ConcurrentBag<Task>();
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Length), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
        {
            if (faults.TryGetValue(i, out var fault)) running.Add(Task.Run(fault));
            await PostAsync(string.Join('\n', requests[i]), i);
        });
        await Task.WhenAll(running);
    }

    /// <summary>Asks the silos in turn until one says every accepted event is reflected (a barrier served by the cluster).</summary>
    public async Task WaitCaughtUpAsync(TimeSpan max)
    {
        var deadline = DateTime.UtcNow + max;
        for (var i = 0; DateTime.UtcNow < deadline; i++)
        {
            try
            {
                var answer = JsonNode.Parse(await http.GetStringAsync(new Uri(silos[i % silos.Count].Url, "api/ingest/caught-up?waitSeconds=5")));
                if (answer?["caughtUp"]?.GetValue<bool>() == true) return;
            }
            catch (HttpRequestException)
            {
                // That silo is not serving yet: ask the next one.
            }
        }
        throw new TimeoutException($"the cluster did not catch up within {max}");
    }

    /// <summary>Reports asked again because the silo failed to answer (see <see cref="ReportAsync"/>).</summary>
    public int ReportRetries { get; private set; }

    /// <summary>
    /// The whole report as one silo answers it. A failed answer is asked for again, for up to
    /// <see cref="GiveUpAfter"/>: a silo restarted seconds before may not yet reach grains on
    /// another silo (seen twice: its queries to every brand of one other silo timed out after 30 s
    /// while the other silos answered). That is availability; what the fault tests check is that
    /// the answer, once given, lost and doubled nothing.
    /// </summary>
    public async Task<JsonNode> ReportAsync(SiloProcess silo)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            try
            {
                return JsonNode.Parse(await http.GetStringAsync(new Uri(silo.Url, "api/report"))) ?? throw new InvalidDataException("the report is JSON null");
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                ReportRetries++;
            }
        }
    }

    public void Dispose() => http.Dispose();

    private async Task PostAsync(string body, int request)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        for (var attempt = 0; ; attempt++)
        {
            var silo = silos[(request + attempt) % silos.Count];
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/x-ndjson");
                using var response = await http.PostAsync(new Uri(silo.Url, "api/events"), content);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // The silo is down: the next attempt goes to another one.
            }
            catch (TaskCanceledException)
            {
                // No answer in time: the events may or may not be stored; sending them again is safe.
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"request {request} was not accepted within {GiveUpAfter}");
            Retries++;
            // A retry policy's pause, not a wait for an effect: Redis or a silo is restarting.
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
