using Analytics.Models;

namespace Analytics.Reporting;

/// <summary>A brand's settings in seconds, as the API shows and takes them.</summary>
public sealed record SettingsView(double HorizonSeconds, double SlaSeconds, double PUnfollow)
{
    /// <summary>The view of settings.</summary>
    public static SettingsView Of(BrandSettings s) => new(Time.ToSeconds(s.Horizon), Time.ToSeconds(s.Sla), s.PUnfollow);

    /// <summary>The settings, or an error naming the bad field.</summary>
    public (BrandSettings? Settings, string? Error) ToSettings()
    {
        if (!(HorizonSeconds > 0)) return (null, "horizonSeconds must be positive");
        if (!(SlaSeconds > 0)) return (null, "slaSeconds must be positive");
        if (!(PUnfollow is >= 0 and <= 1)) return (null, "pUnfollow must be between 0 and 1");
        return (new BrandSettings((long)(HorizonSeconds * Time.MicrosPerSecond), (long)(SlaSeconds * Time.MicrosPerSecond), PUnfollow), null);
    }
}
