using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Alerts;

/// <summary>
/// A real HTTP receiver on a loopback port: records every POST (body and signature header) and
/// answers each with the status <see cref="Answer"/> picks for its attempt number.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(byte[] Body, string? Signature)> received = new();
    private int count;

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>The status for the nth request (from 1).</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    /// <summary>Where to post.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Requests received, in order.</summary>
    public IReadOnlyList<(byte[] Body, string? Signature)> Received => [.. received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            receiver.received.Enqueue((buffer.ToArray(), request.Headers["X-Signature-256"].FirstOrDefault()));
            return Results.StatusCode(receiver.Answer(Interlocked.Increment(ref receiver.count)));
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";
        return receiver;
    }

    /// <summary>Waits until <paramref name="n"/> requests arrived (an event barrier, polled).</summary>
    public async Task WaitForAsync(int n)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (received.Count < n)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the receiver got {received.Count} of {n} requests within 30 s");
            await Task.Delay(20);
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
