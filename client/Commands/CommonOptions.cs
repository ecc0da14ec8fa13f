using System.CommandLine;

namespace Analytics.Client.Commands;

/// <summary>Options several commands share, defined once.</summary>
internal static class CommonOptions
{
    public static Option<Uri> Silo() => new("--silo")
    {
        Description = "Base URL of a running silo's HTTP API",
        DefaultValueFactory = _ => new Uri("http://localhost:5080"),
        // System.CommandLine converts no Uri by itself: "Cannot parse argument ... as expected type 'System.Uri'".
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
            result.AddError($"--silo must be an http(s) URL, e.g. http://localhost:5080 (got '{text}')");
            return null;
        },
    };

    public static Option<DateTimeOffset?> From() => new("--from") { Description = "Window start, a whole UTC minute (ISO-8601 with offset)" };

    public static Option<DateTimeOffset?> To() => new("--to") { Description = "Window end (exclusive), a whole UTC minute (ISO-8601 with offset)" };
}
