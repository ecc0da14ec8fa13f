using System.CommandLine;

namespace Analytics.Client.Commands;

/// <summary>Options several commands share, defined once.</summary>
internal static class CommonOptions
{
    public static Option<DateTimeOffset?> From() => new("--from") { Description = "Window start, a whole UTC minute (ISO-8601 with offset)" };

    public static Option<DateTimeOffset?> To() => new("--to") { Description = "Window end (exclusive), a whole UTC minute (ISO-8601 with offset)" };
}
