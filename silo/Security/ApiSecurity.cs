using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Analytics.Silo.Security;

/// <summary>
/// API keys with scopes and rate limits in front of the API, the Orleans Dashboard and the metrics
/// (<see cref="ApiAccess"/>): the caller is identified first, then limited by its key's name (or its
/// address without one). The page's files and /health stay open.
/// </summary>
public static class ApiSecurity
{
    /// <summary>Registers the options (reloaded on change), the request limiter and the event budget.</summary>
    public static WebApplicationBuilder AddApiSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        builder.Services.AddSingleton<EventBudget>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var perSecond = context.RequestServices.GetRequiredService<IOptionsMonitor<AuthOptions>>().CurrentValue.RequestsPerSecond;
                return perSecond <= 0
                    ? RateLimitPartition.GetNoLimiter("unlimited")
                    : RateLimitPartition.GetTokenBucketLimiter(CallerKey(context), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = (int)Math.Max(1, 2 * perSecond),
                        TokensPerPeriod = (int)Math.Max(1, perSecond / 10),
                        ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                rejected.HttpContext.Response.Headers.RetryAfter = "1";
                await rejected.HttpContext.Response.WriteAsJsonAsync(new { error = "too many requests: try again after the Retry-After seconds (Analytics:Auth:RequestsPerSecond)" }, cancellationToken);
            };
        });
        return builder;
    }

    /// <summary>Checks keys and limits; call before the endpoints and the static files.</summary>
    public static WebApplication UseApiSecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptionsMonitor<AuthOptions>>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiSecurity));
        if (options.CurrentValue.Keys.Count == 0)
        {
            logger.LogWarning("No API keys configured (Analytics:Auth:Keys): the API answers clients on this machine only");
        }
        else
        {
            logger.LogWarning("{Keys} API keys configured: the API needs a key", options.CurrentValue.Keys.Count);
        }
        app.Use(async (context, next) =>
        {
            if (ApiAccess.Guarded(context.Request.Path))
            {
                var decision = ApiAccess.Decide(options.CurrentValue, context.Connection.RemoteIpAddress, KeyOf(context.Request), context.Request.Method, context.Request.Path);
                if (decision.Caller is null)
                {
                    context.Response.StatusCode = decision.Status;
                    if (decision.Status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
                    await context.Response.WriteAsJsonAsync(new { error = decision.Error });
                    return;
                }
                context.Features.Set(decision.Caller);
            }
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Whose allowance a request spends: its key's name when it has one, else the client's address.</summary>
    public static string CallerKey(HttpContext context) =>
        context.Features.Get<ApiCaller>() is { } caller && caller != ApiCaller.Loopback
            ? "key:" + caller.Name
            : "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "local");

    private static string? KeyOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return header["Bearer ".Length..].Trim();
        return request.Cookies.TryGetValue(ApiAccess.Cookie, out var cookie) ? cookie : null;
    }
}

/// <summary>
/// Accepted events per second per caller (<see cref="AuthOptions.EventsPerSecond"/>): a request
/// may overdraw the caller's allowance; the caller's next requests get 429 until time pays it back.
/// </summary>
public sealed class EventBudget(IOptionsMonitor<AuthOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Account> accounts = new(StringComparer.Ordinal);

    /// <summary>False, with the seconds to wait, while the caller's allowance is overdrawn.</summary>
    public bool TryStart(string caller, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        var rate = options.CurrentValue.EventsPerSecond;
        if (rate <= 0) return true;
        var account = accounts.GetOrAdd(caller, _ => new Account(rate, clock.GetTimestamp()));
        lock (account)
        {
            var balance = account.Refill(rate, clock);
            if (balance >= 0) return true;
            retryAfterSeconds = (int)Math.Ceiling(-balance / rate);
            return false;
        }
    }

    /// <summary>Takes the events a request accepted from the caller's allowance.</summary>
    public void Spend(string caller, long events)
    {
        var rate = options.CurrentValue.EventsPerSecond;
        if (rate <= 0 || events <= 0) return;
        var account = accounts.GetOrAdd(caller, _ => new Account(rate, clock.GetTimestamp()));
        lock (account)
        {
            account.Refill(rate, clock);
            account.Balance -= events;
        }
    }

    /// <summary>The Retry-After value, as the header wants it.</summary>
    public static string Header(int seconds) => Math.Max(1, seconds).ToString(CultureInfo.InvariantCulture);

    private sealed class Account(double balance, long at)
    {
        public double Balance = balance;
        private long at = at;

        // A second's worth of events at most is saved up.
        public double Refill(double rate, TimeProvider clock)
        {
            var now = clock.GetTimestamp();
            Balance = Math.Min(rate, Balance + (clock.GetElapsedTime(at, now).TotalSeconds * rate));
            at = now;
            return Balance;
        }
    }
}
