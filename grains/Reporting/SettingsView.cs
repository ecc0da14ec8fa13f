using System.Text.Json;
using Analytics.Models;

namespace Analytics.Reporting;

/// <summary>A brand's settings in seconds, as the API shows and takes them.</summary>
public sealed record SettingsView(double HorizonSeconds, double SlaSeconds, double PUnfollow, double ComplaintSlaSeconds = 3600, bool CalibratedRisk = false)
{
    /// <summary>The view of settings.</summary>
    public static SettingsView Of(BrandSettings s) => new(Time.ToSeconds(s.Horizon), Time.ToSeconds(s.Sla), s.PUnfollow, Time.ToSeconds(s.ComplaintSla), s.CalibratedRisk);

    /// <summary>
    /// Reads a settings body (<c>{"horizonSeconds": 86400, "slaSeconds": 3600, "pUnfollow": 0.56, "complaintSlaSeconds": 3600, "calibratedRisk": false}</c>;
    /// <c>complaintSlaSeconds</c> (1 h) and <c>calibratedRisk</c> (false) may be left out): the settings, or an error naming the field and what is wrong with it.
    /// </summary>
    public static Task<(BrandSettings? Settings, string? Error)> ParseAsync(Stream body, CancellationToken cancellationToken) =>
        JsonBody.ReadAsync(body, Parse, cancellationToken);

    private static (BrandSettings? Settings, string? Error) Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object) return (null, "the body must be a JSON object {horizonSeconds, slaSeconds, pUnfollow}");
        double? Number(string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : null;
        foreach (var name in new[] { "horizonSeconds", "slaSeconds", "pUnfollow" })
        {
            if (Number(name) is null) return (null, $"{name} must be a number");
        }
        var complaintSla = 3600.0;
        if (root.TryGetProperty("complaintSlaSeconds", out _))
        {
            if (Number("complaintSlaSeconds") is not { } given) return (null, "complaintSlaSeconds must be a number");
            complaintSla = given;
        }
        var calibrated = false;
        if (root.TryGetProperty("calibratedRisk", out var c))
        {
            if (c.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) return (null, "calibratedRisk must be true or false");
            calibrated = c.GetBoolean();
        }
        return new SettingsView(Number("horizonSeconds")!.Value, Number("slaSeconds")!.Value, Number("pUnfollow")!.Value, complaintSla, calibrated).ToSettings();
    }

    /// <summary>The settings, or an error naming the bad field.</summary>
    public (BrandSettings? Settings, string? Error) ToSettings()
    {
        // Whole seconds at least: a horizon of 1e-9 s would be stored as 0 microseconds.
        if (!(HorizonSeconds >= 1 && HorizonSeconds <= MaxSeconds)) return (null, $"horizonSeconds must be from 1 to {MaxSeconds:0} (a year)");
        if (!(SlaSeconds >= 1 && SlaSeconds <= HorizonSeconds)) return (null, "slaSeconds must be from 1 to horizonSeconds (a response after the horizon is not a response)");
        if (!(PUnfollow is >= 0 and <= 1)) return (null, "pUnfollow must be between 0 and 1");
        if (!(ComplaintSlaSeconds >= 1 && ComplaintSlaSeconds <= HorizonSeconds)) return (null, "complaintSlaSeconds must be from 1 to horizonSeconds");
        return (new BrandSettings((long)(HorizonSeconds * Time.MicrosPerSecond), (long)(SlaSeconds * Time.MicrosPerSecond), PUnfollow, (long)(ComplaintSlaSeconds * Time.MicrosPerSecond), CalibratedRisk), null);
    }

    private const double MaxSeconds = 366 * 86400;
}
