using System.Buffers;
using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Analytics.Client.Infrastructure;
using Analytics.Models;
using Analytics.Simulation;

namespace Analytics.Client.Commands;

/// <summary>generate --events N --seed S --out FILE [--brands B]: seeded traffic as an NDJSON file, as fast as it can be made.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var events = new Option<long>("--events") { Description = "Number of events to write", DefaultValueFactory = _ => 1_000_000 };
        var output = new Option<FileInfo>("--out") { Description = "The NDJSON file to write", Required = true };
        var traffic = new TrafficCliOptions();
        var command = new Command("generate", "Write seeded customer-care traffic (many brands, late and duplicate events) as NDJSON") { events, output };
        traffic.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(output)!;
            var count = parse.GetValue(events);
            var clock = Stopwatch.StartNew();
            var bytes = await WriteAsync(file, TrafficGenerator.Generate(traffic.Options(parse), traffic.Seed(parse), traffic.Start(parse), count), cancellationToken);
            Console.WriteLine($"wrote {count:N0} events ({bytes / 1e6:N0} MB) to {file.FullName} in {clock.Elapsed.TotalSeconds:N1} s");
            return 0;
        });
        return command;
    }

    /// <summary>Writes events as NDJSON, streaming; returns the bytes written.</summary>
    internal static async Task<long> WriteAsync(FileInfo file, IEnumerable<CareEvent> events, CancellationToken cancellationToken)
    {
        const int FlushBytes = 1 << 20;
        file.Directory?.Create();
        await using var stream = new FileStream(file.FullName, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16, useAsync: true);
        var buffer = new ArrayBufferWriter<byte>(FlushBytes + (64 << 10));
        await using var writer = new Utf8JsonWriter(buffer);
        var total = 0L;
        foreach (var e in events)
        {
            EventJson.WriteLine(e, writer, buffer);
            if (buffer.WrittenCount < FlushBytes) continue;
            total += buffer.WrittenCount;
            await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
            buffer.ResetWrittenCount();
        }
        total += buffer.WrittenCount;
        await stream.WriteAsync(buffer.WrittenMemory, cancellationToken);
        return total;
    }
}
