using Analytics.Tests.Redis;

namespace Analytics.Tests.Client;

/// <summary>
/// The built client as a user runs it: a successful `replay --embedded` prints its progress and
/// result, and nothing from the silo it hosted (no warning, no error trace at shutdown).
/// </summary>
[Collection(RedisProcessesCollection.Name)]
public class QuietRunTests
{
    [Theory]
    [InlineData(150_000, 1)]
    [InlineData(150_000, 2)]
    public async Task ReplayEmbedded_Succeeds_EndsQuietly(int events, int seed)
    {
        var folder = Directory.CreateTempSubdirectory("analytics-quiet-").FullName;
        try
        {
            var file = Path.Combine(folder, "traffic.ndjson");
            var (generated, _) = await ClientProcess.RunAsync("generate", "--events", events.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", file);
            Assert.Equal(0, generated);

            var (exit, output) = await ClientProcess.RunAsync("replay", file, "--embedded", "--report", Path.Combine(folder, "report.json"));

            Assert.Equal(0, exit);
            Assert.Contains("report written to", output, StringComparison.Ordinal);
            foreach (var noise in new[] { "fail:", "warn:", "crit:", "Exception", "Unhandled" })
            {
                Assert.False(output.Contains(noise, StringComparison.Ordinal), $"'{noise}' in the output of a successful run:\n{output}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
