namespace Analytics.Tests.Redis;

/// <summary>The silo listens where the hosting ecosystem's own settings say, not on a default that overrides them.</summary>
[Collection(RedisProcessesCollection.Name)]
public class SiloAddressTests
{
    [Theory]
    [InlineData("ASPNETCORE_URLS")]
    [InlineData("Urls")]
    public async Task Silo_AddressFromEnvironment_ServesThere(string variable)
    {
        var logs = Directory.CreateTempSubdirectory("analytics-urls-").FullName;
        // Embedded mode: no Redis; StartAsync completes only when /health answers at the given address.
        await using var silo = new SiloProcess("urls", redis: "", logs, urlsVariable: variable);
        await silo.StartAsync();
        using var http = new HttpClient();
        Assert.Equal("Healthy", await http.GetStringAsync(new Uri(silo.Url, "health")));
    }
}
