using Analytics.Alerts;

namespace Analytics.Silo.Alerts;

/// <summary>Registers the webhook dispatcher as the brands' alert sink.</summary>
public static class AlertHosting
{
    /// <summary>Binds <see cref="AlertOptions"/> and runs the <see cref="WebhookDispatcher"/>.</summary>
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AlertOptions>(builder.Configuration.GetSection(AlertOptions.Section));
        builder.Services.AddSingleton<WebhookDispatcher>();
        builder.Services.AddSingleton<IAlertSink>(s => s.GetRequiredService<WebhookDispatcher>());
        builder.Services.AddHostedService(s => s.GetRequiredService<WebhookDispatcher>());
        return builder;
    }
}
