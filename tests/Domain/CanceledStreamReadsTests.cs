using Analytics.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Analytics.Tests.Domain;

public class CanceledStreamReadsTests
{
    private sealed class Capture : ILoggerProvider, ILogger
    {
        public List<string> Lines { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Named(this, categoryName);

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add(formatter(state, exception));

        public void Dispose()
        {
        }

        private sealed class Named(Capture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                capture.Lines.Add($"{category}: {formatter(state, exception)}");
        }
    }

    [Fact]
    public void DropCanceledStreamReads_DropsOnlyCancellationsOfStreamCategories()
    {
        var capture = new Capture();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(capture).DropCanceledStreamReads());
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<ILoggerFactory>();

        factory.CreateLogger("Orleans.Streams.ingest").LogError(new OperationCanceledException(), "read canceled");
        factory.CreateLogger("Orleans.Streams.ingest").LogError(new InvalidOperationException(), "read failed");
        factory.CreateLogger("Orleans.Streams.ingest").LogWarning("slow");
        factory.CreateLogger("Analytics.Grains").LogError(new OperationCanceledException(), "grain canceled");

        Assert.Equal(["Orleans.Streams.ingest: read failed", "Orleans.Streams.ingest: slow", "Analytics.Grains: grain canceled"], capture.Lines);
    }
}
