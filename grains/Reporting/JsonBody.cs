using System.Text.Json;

namespace Analytics.Reporting;

/// <summary>A request body read as JSON for a view's own parsing: one error for a body that is not JSON at all.</summary>
internal static class JsonBody
{
    /// <summary>Parses <paramref name="body"/> and hands its root to <paramref name="read"/>; an error when it is not JSON.</summary>
    public static async Task<(T? Value, string? Error)> ReadAsync<T>(Stream body, Func<JsonElement, (T? Value, string? Error)> read, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, default, cancellationToken);
        }
        catch (JsonException e)
        {
            return (null, $"the body is not JSON: {e.Message}");
        }
        using (document) return read(document.RootElement);
    }
}
