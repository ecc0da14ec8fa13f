using Analytics.Ingest;
using Analytics.Silo.Observability;
using Microsoft.AspNetCore.Http.Features;

namespace Analytics.Silo.Api;

/// <summary>POST /api/events: streams an NDJSON body through the parser into the ingest stream, line by line.</summary>
public static class IngestEndpoint
{
    /// <summary>Handles one request; the body is never held whole, and good lines are never lost to bad ones.</summary>
    public static async Task<IResult> HandleAsync(HttpRequest request, EventPublisher publisher, IGrainFactory grains, Instrumentation instrumentation, CancellationToken cancellationToken)
    {
        var session = new IngestSession(publisher, grains);
        try
        {
            await session.AddAllAsync(NdjsonReader.ReadAsync(request.Body, cancellationToken));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            var partial = await session.CompleteAsync();
            instrumentation.Record(partial);
            return Results.Json(new { error = $"body larger than {limit} bytes: send it in several requests; the lines before the limit were ingested", receipt = partial }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        if (session.Accepted + session.Rejected == 0) return AnalyticsApi.BadRequest("empty body: send one JSON event per line (NDJSON, METRICS-SPEC section 1)");
        var receipt = await session.CompleteAsync();
        instrumentation.Record(receipt);
        return Results.Ok(receipt);
    }
}
