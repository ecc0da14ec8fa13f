using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Analytics.Alerts;
using Analytics.Models;
using Analytics.Reporting;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Analytics.Silo.Alerts;

/// <summary>
/// Posts brands' alerts to their webhooks, off the brands' turns: a brand only queues (bounded;
/// when full, the alert becomes a dead letter at once), and up to
/// <see cref="AlertOptions.MaxConcurrent"/> deliveries run at a time, so neither a slow receiver
/// nor a failing one slows ingest or the other receivers. Each attempt is a POST of the alert's
/// JSON (<see cref="AlertView"/>) with <c>X-Signature-256: sha256=&lt;hex HMAC-SHA256 of the body
/// with the webhook's secret&gt;</c>; failures (an error, a timeout, a status other than 2xx) are
/// retried with exponential backoff (Polly), and after the last attempt the brand records a dead
/// letter with the reason, seen in its alert history. Delivery is at most once per silo life: a
/// queued alert is lost with the process (the history keeps it where the brand lives).
/// </summary>
public sealed partial class WebhookDispatcher : BackgroundService, IAlertSink
{
    private readonly IGrainFactory grains;
    private readonly AlertOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<WebhookDispatcher> logger;
    private readonly Channel<(Alert Alert, AlertWebhook Webhook)> queue;
    private readonly HttpClient http;
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public WebhookDispatcher(IGrainFactory grains, IOptions<AlertOptions> options, TimeProvider clock, ILogger<WebhookDispatcher> logger)
    {
        this.grains = grains;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
        queue = Channel.CreateBounded<(Alert, AlertWebhook)>(new BoundedChannelOptions(Math.Max(1, this.options.MaxQueued)) { SingleReader = true });
        var allowPrivate = this.options.AllowPrivateTargets;
        http = new HttpClient(new SocketsHttpHandler
        {
            // A redirect could lead to an address the rules' check never saw.
            AllowAutoRedirect = false,
            ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, allowPrivate, cancellationToken),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("analytics-alerts/1");
        pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(0, this.options.Attempts - 1),
                Delay = this.options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => !r.IsSuccessStatusCode),
                OnRetry = a =>
                {
                    // The failed answer is not read again: free its connection.
                    a.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(this.options.AttemptTimeout)
            .Build();
    }

    /// <inheritdoc />
    public void Deliver(Alert alert, IReadOnlyList<AlertWebhook> webhooks)
    {
        ArgumentNullException.ThrowIfNull(webhooks);
        foreach (var webhook in webhooks)
        {
            if (!queue.Writer.TryWrite((alert, webhook))) _ = DeadLetterAsync(alert, webhook, 0, $"the delivery queue is full ({options.MaxQueued} alerts waiting)");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(Math.Max(1, options.MaxConcurrent));
        try
        {
            await foreach (var (alert, webhook) in queue.Reader.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await SendAsync(alert, webhook, stoppingToken);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is queued is lost with the process (see the summary).
        }
    }

    public override void Dispose()
    {
        http.Dispose();
        base.Dispose();
    }

    private async Task SendAsync(Alert alert, AlertWebhook webhook, CancellationToken stoppingToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(AlertView.Of(alert), AlertView.Json);
        var signature = webhook.Secret is { } secret ? "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body)) : null;
        var attempts = 0;
        string reason;
        try
        {
            using var response = await pipeline.ExecuteAsync(async cancellationToken =>
            {
                attempts++;
                using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-Alert-Id", alert.Id);
                if (signature is not null) request.Headers.Add("X-Signature-256", signature);
                return await http.SendAsync(request, cancellationToken);
            }, stoppingToken);
            if (response.IsSuccessStatusCode)
            {
                LogDelivered(alert.Id, webhook.Url, attempts);
                return;
            }
            reason = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException)
        {
            reason = e is TimeoutRejectedException ? $"no answer within {options.AttemptTimeout.TotalSeconds:0.#} s" : e.Message;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        await DeadLetterAsync(alert, webhook, attempts, reason);
    }

    private async Task DeadLetterAsync(Alert alert, AlertWebhook webhook, int attempts, string reason)
    {
        LogDeadLetter(alert.Id, webhook.Url, attempts, reason);
        var deadLetter = alert with
        {
            State = AlertState.DeadLetter,
            At = Time.FromDateTimeOffset(clock.GetUtcNow()),
            Message = $"{webhook.Url} did not take the alert after {attempts} attempt{(attempts == 1 ? "" : "s")}: {reason}",
            Customers = [],
            Delivery = new AlertDelivery(webhook.Url, attempts, reason),
        };
        try
        {
            await grains.GetGrain<IBrandGrain>(alert.Brand).RecordDeadLetterAsync(deadLetter);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogDeadLetterLost(e, alert.Id);
        }
    }

    // Connects only to the addresses a webhook may use: a name that resolves to this machine or a
    // private network is refused at connect time too, whatever it resolved to when rules were set.
    private static async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, bool allowPrivate, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(endPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || !WebhookTargets.IsPrivate(a)).ToArray();
        if (allowed.Length == 0) throw new HttpRequestException($"{endPoint.Host} resolves only to loopback, link-local or private addresses (allowed only with Analytics:Alerts:AllowPrivateTargets)");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert {AlertId} delivered to {Url} after {Attempts} attempt(s)")]
    private partial void LogDelivered(string alertId, string url, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId}: {Url} did not take it after {Attempts} attempt(s): {Reason}")]
    private partial void LogDeadLetter(string alertId, string url, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId}: its dead letter could not be recorded at the brand")]
    private partial void LogDeadLetterLost(Exception e, string alertId);
}
