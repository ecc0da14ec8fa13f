using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Hosting;

/// <summary>
/// Drops one log entry Orleans writes as an error though it is none: a stream pulling agent's
/// queue read canceled while the silo stops ("Exception while retrying the 0th time reading from
/// queue", an <see cref="OperationCanceledException"/>). It came at the end of about one clean run in
/// ten, after the run's work was done. Only Orleans' stream categories and only cancellations
/// are dropped; every other entry, of those categories too, is logged as before.
/// </summary>
public static class CanceledStreamReads
{
    /// <summary>Wraps every logger provider registered so far (call after adding them).</summary>
    public static ILoggingBuilder DropCanceledStreamReads(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        foreach (var registered in logging.Services.Where(d => d.ServiceType == typeof(ILoggerProvider)).ToList())
        {
            logging.Services.Remove(registered);
            logging.Services.AddSingleton<ILoggerProvider>(s => new Provider(Create(s, registered)));
        }
        return logging;
    }

    private static ILoggerProvider Create(IServiceProvider services, ServiceDescriptor registered) =>
        (ILoggerProvider)(registered.ImplementationInstance
            ?? registered.ImplementationFactory?.Invoke(services)
            ?? ActivatorUtilities.CreateInstance(services, registered.ImplementationType!));

    private sealed class Provider(ILoggerProvider inner) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName)
        {
            var logger = inner.CreateLogger(categoryName);
            return categoryName.StartsWith("Orleans.Streams", StringComparison.Ordinal) ? new Logger(logger) : logger;
        }

        public void Dispose() => inner.Dispose();
    }

    private sealed class Logger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is OperationCanceledException) return;
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
