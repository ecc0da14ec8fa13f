using System.Text.Json;
using Analytics.Models;

namespace Analytics.Storage;

/// <summary>
/// Embedded mode's memory of brand settings: one JSON line per change
/// (<c>{"brand":...,"settings":{...}}</c>) appended to <c>settings.ndjson</c> and forced to the
/// disk before the change is answered (changes are rare). At start the last line of each brand
/// wins; a torn last line (a crash mid-write) is skipped.
/// </summary>
public sealed class SettingsLog(string path)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, BrandSettings> latest = new(StringComparer.Ordinal);

    /// <summary>The last settings recorded per brand, read from the file (call once, at start).</summary>
    public IReadOnlyDictionary<string, BrandSettings> Load()
    {
        lock (gate)
        {
            latest.Clear();
            if (!File.Exists(path)) return latest;
            foreach (var line in File.ReadLines(path))
            {
                if (TryParse(line) is { } entry) latest[entry.Brand] = entry.Settings;
            }
            return new Dictionary<string, BrandSettings>(latest, StringComparer.Ordinal);
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
            using (var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read))
            {
                // A torn line from an earlier crash is ended first, so it cannot swallow this one.
                var line = JsonSerializer.SerializeToUtf8Bytes(new Entry(brand, settings));
                file.Write("\n"u8);
                file.Write(line);
                file.Write("\n"u8);
                file.Flush(flushToDisk: true);
            }
            latest[brand] = settings;
        }
    }

    private static Entry? TryParse(string line)
    {
        if (string.IsNullOrWhiteSpace(line)) return null;
        try
        {
            return JsonSerializer.Deserialize<Entry>(line) is { Brand: not null, Settings: not null } e ? e : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Entry(string Brand, BrandSettings Settings);
}
