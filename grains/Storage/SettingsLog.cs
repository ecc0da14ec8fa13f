using System.Text.Json;
using Analytics.Models;

namespace Analytics.Storage;

/// <summary>
/// Embedded mode's memory of brand settings and alert rules: one JSON line per change
/// (<c>{"brand":...,"settings":{...}}</c> or <c>{"brand":...,"alerts":{...}}</c>) appended to
/// <c>settings.ndjson</c> and forced to the disk before the change is answered (changes are rare).
/// At start the last line of each brand and kind wins; a torn last line (a crash mid-write) is
/// skipped. Webhook secrets are kept here as given: the data directory is the silo's own.
/// </summary>
public sealed class SettingsLog(string path)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, BrandSettings> latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AlertRules> latestAlerts = new(StringComparer.Ordinal);

    /// <summary>The last settings and alert rules recorded per brand, read from the file (call once, at start).</summary>
    public Known Load()
    {
        lock (gate)
        {
            latest.Clear();
            latestAlerts.Clear();
            if (File.Exists(path))
            {
                foreach (var line in File.ReadLines(path))
                {
                    if (TryParse(line) is not { } entry) continue;
                    if (entry.Settings is { } settings) latest[entry.Brand] = settings;
                    if (entry.Alerts is { } alerts) latestAlerts[entry.Brand] = alerts;
                }
            }
            return new Known(new Dictionary<string, BrandSettings>(latest, StringComparer.Ordinal), new Dictionary<string, AlertRules>(latestAlerts, StringComparer.Ordinal));
        }
    }

    /// <summary>Records a brand's new settings; nothing is written when they equal the last ones recorded.</summary>
    public void Record(string brand, BrandSettings settings)
    {
        ArgumentNullException.ThrowIfNull(brand);
        ArgumentNullException.ThrowIfNull(settings);
        lock (gate)
        {
            if (latest.TryGetValue(brand, out var known) && known == settings) return;
            Append(new Entry(brand, settings, null));
            latest[brand] = settings;
        }
    }

    /// <summary>Records a brand's new alert rules.</summary>
    public void Record(string brand, AlertRules alerts)
    {
        ArgumentNullException.ThrowIfNull(brand);
        ArgumentNullException.ThrowIfNull(alerts);
        lock (gate)
        {
            Append(new Entry(brand, null, alerts));
            latestAlerts[brand] = alerts;
        }
    }

    private void Append(Entry entry)
    {
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        // A torn line from an earlier crash is ended first, so it cannot swallow this one.
        file.Write("\n"u8);
        file.Write(JsonSerializer.SerializeToUtf8Bytes(entry));
        file.Write("\n"u8);
        file.Flush(flushToDisk: true);
    }

    private static Entry? TryParse(string line)
    {
        if (string.IsNullOrWhiteSpace(line)) return null;
        try
        {
            return JsonSerializer.Deserialize<Entry>(line) is { Brand: not null } e && (e.Settings is not null || e.Alerts is not null) ? e : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>What <see cref="Load"/> found: the latest settings and alert rules per brand.</summary>
    public sealed record Known(IReadOnlyDictionary<string, BrandSettings> Settings, IReadOnlyDictionary<string, AlertRules> Alerts);

    private sealed record Entry(string Brand, BrandSettings? Settings, AlertRules? Alerts);
}
