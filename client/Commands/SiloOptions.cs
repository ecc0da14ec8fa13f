using System.CommandLine;
using Analytics.Client.Infrastructure;

namespace Analytics.Client.Commands;

/// <summary>The options of commands that talk to running silos: where, how long to retry, how much to say on failure.</summary>
internal sealed class SiloOptions
{
    private readonly Option<Uri[]> silos = new("--silo")
    {
        Description = "Base URL of a running silo's HTTP API; several, comma-separated, to fail over between them",
        DefaultValueFactory = _ => [new Uri("http://localhost:5080")],
        // System.CommandLine converts no Uri by itself: "Cannot parse argument ... as expected type 'System.Uri'".
        CustomParser = result =>
        {
            var uris = new List<Uri>();
            foreach (var text in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") uris.Add(uri);
                else result.AddError($"--silo must be http(s) URLs, e.g. http://localhost:5080 (got '{text}')");
            }
            return [.. uris];
        },
    };

    private readonly Option<TimeSpan?> retryFor = DurationOption.Create("--retry-for", "How long a call that fails (silo or Redis restarting) is retried before giving up, default 5m");

    private readonly Option<bool> verbose = new("--verbose") { Description = "On failure, print the whole exception with its stack trace" };

    private readonly Option<string?> apiKey = new("--api-key")
    {
        Description = "API key for a silo that requires one (README: Exposing a silo); default: the ANALYTICS_API_KEY environment variable",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("ANALYTICS_API_KEY"),
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(silos);
        command.Options.Add(retryFor);
        command.Options.Add(verbose);
        command.Options.Add(apiKey);
    }

    /// <summary>A client of the silos named, retrying as asked; retries show on <paramref name="retrying"/>.</summary>
    public SiloApi Api(ParseResult parse, Action<string>? retrying = null)
    {
        var retry = new SiloRetry(parse.GetValue(silos)!, parse.GetValue(retryFor) ?? TimeSpan.FromMinutes(5));
        if (retrying is not null) retry.Retrying += retrying;
        return new SiloApi(retry, parse.GetValue(apiKey));
    }

    /// <summary>Reports a failure the user can act on: one line, unless --verbose; exit code 1.</summary>
    public int Fail(ParseResult parse, Exception e)
    {
        Console.Error.WriteLine(parse.GetValue(verbose) ? e.ToString() : "error: " + e.Message);
        return 1;
    }
}
