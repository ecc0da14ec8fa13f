using Analytics.Ingest;
using Analytics.Models;
using Analytics.Silo.Observability;
using Microsoft.AspNetCore.Http.Features;

namespace Analytics.Silo.Api;

/// <summary>
/// POST /api/events: an NDJSON body streamed through the parser into the ingest stream, line by
/// line; or, with Content-Type text/csv, a whole twcs.csv file (METRICS-SPEC section 7), kept in a
/// temporary file because reply trees need the whole file before the first event can be labelled.
/// Both parse the bytes the client sent, so every path that sends a file gives the same events.
/// </summary>
public static class IngestEndpoint
{
    /// <summary>Handles one request; good lines are never lost to bad ones.</summary>
    public static async Task<IResult> HandleAsync(HttpRequest request, EventPublisher publisher, IGrainFactory grains, Instrumentation instrumentation, string? firstLine, CancellationToken cancellationToken)
    {
        if (!long.TryParse(firstLine ?? "1", System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var first) || first < 1)
        {
            return AnalyticsApi.BadRequest("firstLine must be a whole number from 1: the file line number of the body's first line");
        }
        var session = new IngestSession(publisher, grains);
        try
        {
            if (IsCsv(request)) await AddTwcsAsync(request.Body, session, cancellationToken);
            else await session.AddAllAsync(NdjsonReader.ReadAsync(request.Body, EventLimits.DefaultMaxLineBytes, first, cancellationToken));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            var partial = await session.CompleteAsync();
            instrumentation.Record(partial);
            return Results.Json(new { error = $"body larger than {limit} bytes: send it in several requests; the lines before the limit were ingested", receipt = partial }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        catch (InvalidDataException e)
        {
            return AnalyticsApi.BadRequest(e.Message);
        }
        if (session.Accepted + session.Rejected == 0) return AnalyticsApi.BadRequest("empty body: send one JSON event per line (NDJSON, METRICS-SPEC section 1), or a twcs.csv file as text/csv");
        var receipt = await session.CompleteAsync();
        instrumentation.Record(receipt);
        return Results.Ok(receipt);
    }

    private static bool IsCsv(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase);

    private static async Task AddTwcsAsync(Stream body, IngestSession session, CancellationToken cancellationToken)
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var spool = File.Create(path)) await body.CopyToAsync(spool, cancellationToken);
            var importer = TwcsImporter.Open(path, cancellationToken);
            foreach (var reject in importer.Result.Rejected) session.Reject(reject);
            // The importer lists the first rejected rows and counts all of them by reason.
            foreach (var (category, count) in importer.Result.RejectedByReason)
            {
                session.CountRejects(category, count - importer.Result.Rejected.Count(r => r.Category == category));
            }
            foreach (var e in importer.ReadEvents(cancellationToken)) await session.AddAsync(e);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
