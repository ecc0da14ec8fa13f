using Analytics.Tests.Redis;

namespace Analytics.Tests.Durability;

/// <summary>The built silo behaves the same wherever it is started from: its settings, its page, and a data directory under the start directory.</summary>
[Collection(RedisProcessesCollection.Name)]
public class StartDirectoryTests
{
    [Fact]
    public async Task StartedFromAnotherDirectory_ServesThePageAndKeepsDataThere()
    {
        var folder = Directory.CreateTempSubdirectory("analytics-start-").FullName;
        var settings = new Dictionary<string, string> { ["Analytics__DataDir"] = "data" };
        await using (var silo = new SiloProcess("elsewhere", "", folder, settings) { WorkingDirectory = folder })
        {
            await silo.StartAsync();
            using var http = new HttpClient();
            using var page = await http.GetAsync(silo.Url);
            Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
            Assert.True(Directory.Exists(Path.Combine(folder, "data")), "the data directory is under the start directory");
        }
        Directory.Delete(folder, recursive: true);
    }
}
