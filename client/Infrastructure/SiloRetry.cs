namespace Analytics.Client.Infrastructure;

/// <summary>
/// How the client rides out a silo or Redis restart: a call that fails transiently (connection
/// refused or reset, no answer in time, a 5xx, 408 or 429) is tried again after an exponential
/// backoff with jitter, on the next silo of the list, until <see cref="RetryFor"/> has passed
/// since the first try. A request sent twice is harmless: the engine de-duplicates by id.
/// </summary>
public sealed class SiloRetry(IReadOnlyList<Uri> silos, TimeSpan retryFor, TimeProvider? time = null, Random? random = null)
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(10);

    private readonly TimeProvider clock = time ?? TimeProvider.System;
    private readonly Random jitter = random ?? Random.Shared;
    private int current;

    /// <summary>How long one call may keep being retried.</summary>
    public TimeSpan RetryFor => retryFor;

    /// <summary>The silo calls go to now.</summary>
    public Uri Silo => silos[current];

    /// <summary>Hears each retry, as a line for a person ("silo unavailable (...), retrying in 2 s").</summary>
    public event Action<string>? Retrying;

    /// <summary>The pause before retry number <paramref name="attempt"/> (0 first): 250 ms doubling up to 10 s, each between half and all of that.</summary>
    public static TimeSpan Delay(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var full = Math.Min(MaxDelay.TotalMilliseconds, FirstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(full * (0.5 + (random.NextDouble() / 2)));
    }

    /// <summary>Runs <paramref name="call"/> against the current silo, retrying transient failures.</summary>
    /// <param name="what">What the call does, for the error ("posting lines 1-20,000").</param>
    /// <param name="call">The call, given the silo's base address.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="SilosUnavailableException">Still failing when <see cref="RetryFor"/> has passed.</exception>
    public async Task<T> RunAsync<T>(string what, Func<Uri, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var deadline = clock.GetUtcNow() + retryFor;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call(silos[current], cancellationToken);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                var delay = Delay(attempt, jitter);
                if (clock.GetUtcNow() + delay > deadline)
                {
                    throw new SilosUnavailableException($"{what} failed: {Describe(e)}; still failing after {retryFor.TotalSeconds:0.#} s of retries (--retry-for)", e);
                }
                current = (current + 1) % silos.Count;
                Retrying?.Invoke($"silo unavailable ({Describe(e)}), retrying in {delay.TotalSeconds:0.#} s" + (silos.Count > 1 ? $" on {silos[current]}" : ""));
                await Task.Delay(delay, clock, cancellationToken);
            }
        }
    }

    /// <summary>True for failures that a restart of a silo or of Redis explains, and that a repeat may get past.</summary>
    public static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        SiloHttpException http => http.Status is >= 500 or 408 or 429,
        HttpRequestException => true,
        // HttpClient's own timeout, not the user's cancellation.
        TaskCanceledException or TimeoutException => !cancellationToken.IsCancellationRequested,
        IOException => true,
        _ => false,
    };

    private static string Describe(Exception e) => e switch
    {
        SiloHttpException http => $"{http.Status} from {http.Uri}",
        HttpRequestException { HttpRequestError: var error } => error == HttpRequestError.Unknown ? e.Message : error.ToString(),
        TaskCanceledException or TimeoutException => "no answer in time",
        _ => e.Message,
    };
}

/// <summary>A silo answered with an error status.</summary>
public sealed class SiloHttpException(int status, Uri? uri, string message) : Exception(message)
{
    /// <summary>The HTTP status.</summary>
    public int Status { get; } = status;

    /// <summary>The request's address.</summary>
    public Uri? Uri { get; } = uri;
}

/// <summary>The silos stayed unavailable for longer than the client was told to retry; the message is one line for a person.</summary>
public sealed class SilosUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
