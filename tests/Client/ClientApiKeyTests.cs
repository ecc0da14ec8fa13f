using Analytics.Client;
using Analytics.Tests.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Analytics.Tests.Client;

/// <summary>The client talks to a silo that requires a key with --api-key (or ANALYTICS_API_KEY), and says why when it has none.</summary>
[Collection(InProcessCliCollection.Name)]
public sealed class ClientApiKeyTests : IAsyncLifetime
{
    private readonly KeyedApiFactory factory = new();
    private readonly string folder = Directory.CreateTempSubdirectory("client-key-").FullName;
    private Uri silo = new("http://127.0.0.1/");

    public Task InitializeAsync()
    {
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        silo = new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Replay_WithAndWithoutTheKey()
    {
        var file = Path.Combine(folder, "events.ndjson");
        await File.WriteAllTextAsync(file, """{"id":"k1","brand":"Keyed","conversationId":"c","direction":"inbound","timestamp":"2026-01-01T00:00:00Z"}""" + "\n");
        var report = Path.Combine(folder, "report.json");

        var refused = await AnalyticsCli.Main(["replay", file, "--silo", silo.ToString(), "--retry-for", "1s"]);
        var (done, error) = await InProcessCli.RunAsync("replay", file, "--silo", silo.ToString(), "--api-key", KeyedApiFactory.Admin, "--report", report);
        Assert.True(done == 0, $"replay exited with {done}: {error}");

        Assert.NotEqual(0, refused);
        Assert.Contains("\"Keyed\"", await File.ReadAllTextAsync(report), StringComparison.Ordinal);
    }
}
