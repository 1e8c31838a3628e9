using System.Text.Json;
using Atelier.Jobs.Running;

namespace Atelier.Jobs.Results;

/// <summary>
/// One JSON object per ended job and line: seq, values, command, exit, signal, start (Unix seconds), runtime
/// (seconds), stdout, stderr (UTF-8 text; invalid bytes become U+FFFD). Each line goes to the file in one write.
/// </summary>
internal sealed class JsonLinesResults : JobResults
{
    private readonly FileStream file;
    private readonly MemoryStream line = new();

    public JsonLinesResults(string path) => file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);

    private protected override async Task WriteCoreAsync(JobResult result, CancellationToken cancellationToken)
    {
        line.SetLength(0);
        using (var json = new Utf8JsonWriter(line, ReadableJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteNumber("seq", result.Job.Sequence);
            json.WriteStartArray("values");
            foreach (var value in result.Job.Values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
            json.WriteString("command", result.Job.CommandLine);
            WriteNumberOrNull(json, "exit", result.ExitCode);
            WriteNumberOrNull(json, "signal", result.Signal);
            json.WriteNumber("start", Math.Round(result.Started.ToUnixTimeMilliseconds() / 1000.0, 3));
            json.WriteNumber("runtime", Math.Round(result.Runtime.TotalSeconds, 3));
            json.WriteString("stdout", result.Output.ToString());
            json.WriteString("stderr", result.Error.ToString());
            json.WriteEndObject();
        }

        line.WriteByte((byte)'\n');
        await file.WriteAsync(line.GetBuffer().AsMemory(0, (int)line.Length), cancellationToken).ConfigureAwait(false);
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async ValueTask DisposeAsync()
    {
        await file.DisposeAsync().ConfigureAwait(false);
        await line.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
