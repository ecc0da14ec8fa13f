using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Analytics.Tests.Api;

/// <summary>A silo whose keys come from a JSON file it watches, as appsettings.json is.</summary>
public sealed class KeyFileApiFactory : ConfiguredApiFactory
{
    public string KeyFile { get; } = Path.Combine(Directory.CreateTempSubdirectory("keys-").FullName, "keys.json");

    public void WriteKey(string name, string key) =>
        File.WriteAllText(KeyFile, new JsonObject
        {
            ["Analytics"] = new JsonObject { ["Auth"] = new JsonObject { ["Keys"] = new JsonObject { [name] = new JsonObject { ["Sha256"] = KeyedApiFactory.Sha256(key), ["Scopes"] = "read" } } } },
        }.ToJsonString());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        WriteKey("first", "first-secret");
        builder.ConfigureAppConfiguration(c => c.AddJsonFile(KeyFile, optional: false, reloadOnChange: true));
    }
}

/// <summary>Keys change without a restart: a key removed from the file stops working, a key added starts.</summary>
public class ApiKeyReloadTests(KeyFileApiFactory factory) : IClassFixture<KeyFileApiFactory>
{
    private async Task<HttpStatusCode> StatusWithAsync(string key)
    {
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.GetAsync(new Uri("/api/brands", UriKind.Relative));
        return response.StatusCode;
    }

    [Fact]
    public async Task KeyFileChanged_NewKeysApplyWithoutRestart()
    {
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync("first-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync("second-secret"));

        factory.WriteKey("second", "second-secret");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (await StatusWithAsync("second-secret") != HttpStatusCode.OK)
        {
            Assert.True(DateTime.UtcNow < deadline, "the changed key file was not read within 20 s");
            await Task.Delay(100);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync("first-secret"));
    }
}
