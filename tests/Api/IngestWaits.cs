using System.Net.Http.Json;
using System.Text.Json;

namespace Analytics.Tests.Api;

/// <summary>Waiting on the API for ingest, as a client of the silo would.</summary>
internal static class IngestWaits
{
    /// <summary>Waits (up to 30 s) until every event accepted so far is applied, brands included; fails if it is not.</summary>
    public static async Task WaitCaughtUpAsync(this HttpClient http)
    {
        var answer = await http.GetFromJsonAsync<JsonElement>("/api/ingest/caught-up?waitSeconds=30");
        Assert.True(answer.GetProperty("caughtUp").GetBoolean(), "ingest did not catch up within 30 s");
    }
}
