using Analytics.Ingest;
using Analytics.Silo.Observability;
using Analytics.Silo.Security;
using Microsoft.AspNetCore.Http.Features;

namespace Analytics.Silo.Api;

/// <summary>
/// POST /api/events: an NDJSON body (streamed, line by line) or, with Content-Type text/csv, a
/// whole twcs.csv file (METRICS-SPEC section 7), through the engine's <see cref="IngestService"/>.
/// </summary>
public static class IngestEndpoint
{
    /// <summary>Handles one request; good lines are never lost to bad ones.</summary>
    public static async Task<IResult> HandleAsync(HttpRequest request, IngestService ingest, Instrumentation instrumentation, EventBudget budget, string? firstLine, CancellationToken cancellationToken)
    {
        var caller = ApiCaller.Of(request.HttpContext);
        var account = ApiSecurity.CallerKey(request.HttpContext);
        if (!budget.TryStart(account, out var wait))
        {
            request.HttpContext.Response.Headers.RetryAfter = EventBudget.Header(wait);
            return Results.Json(new { error = $"too many events: this caller's allowance (Analytics:Auth:EventsPerSecond) is spent for the next {Math.Max(1, wait)} s" }, statusCode: StatusCodes.Status429TooManyRequests);
        }
        if (!long.TryParse(firstLine ?? "1", System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var first) || first < 1)
        {
            return AnalyticsApi.BadRequest("firstLine must be a whole number from 1: the file line number of the body's first line");
        }
        var format = request.ContentType is { } type && type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) ? InputFormat.TwcsCsv : InputFormat.Ndjson;
        Models.IngestReceipt receipt;
        try
        {
            receipt = await ingest.AcceptAsync(request.Body, format, first, cancellationToken, caller.Brands is null ? null : caller.Sees);
        }
        catch (IngestInterruptedException e) when (e.InnerException is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            var limit = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            instrumentation.Record(e.Partial);
            // The lines before the limit were ingested: they count against the caller's allowance too.
            budget.Spend(account, e.Partial.Accepted);
            return Results.Json(new { error = $"body larger than {limit} bytes: send it in several requests; the lines before the limit were ingested", receipt = e.Partial }, statusCode: StatusCodes.Status413PayloadTooLarge);
        }
        catch (InvalidDataException e)
        {
            return AnalyticsApi.BadRequest(e.Message);
        }
        if (receipt.Accepted + receipt.Rejected == 0) return AnalyticsApi.BadRequest("empty body: send one JSON event per line (NDJSON, METRICS-SPEC section 1), or a twcs.csv file as text/csv");
        instrumentation.Record(receipt);
        budget.Spend(account, receipt.Accepted);
        return Results.Ok(receipt);
    }
}
