using System.Globalization;
using System.Text;
using System.Text.Json;
using Atelier.Monitoring;
using Atelier.Monitoring.Cgroups;
using Atelier.Monitoring.Processes;

namespace Atelier.Cli.Commands.Monitor;

/// <summary>One sample as a line: the chapter's plain format, JSON, or CSV (with its header first).</summary>
internal sealed class SampleWriter(IReadOnlyList<Metric> metrics, TextWriter output, SampleFormat format)
{
    private bool headerWritten;

    public void Write(ReadOnlySpan<double> row, DateTimeOffset time, TopProcesses processes, IReadOnlyList<CgroupSnapshot>? cgroups = null)
    {
        switch (format)
        {
            case SampleFormat.Json:
                output.WriteLine(Json(row, time, processes, cgroups ?? []));
                break;
            case SampleFormat.Csv:
                if (!headerWritten)
                {
                    output.WriteLine(string.Join(',', metrics.Select(m => m.Name).Prepend("time")));
                    headerWritten = true;
                }

                var cells = new string[metrics.Count + 1];
                cells[0] = time.ToString("O", CultureInfo.InvariantCulture);
                for (var i = 0; i < metrics.Count; i++)
                {
                    cells[i + 1] = double.IsNaN(row[i]) ? "" : row[i].ToString("0.###", CultureInfo.InvariantCulture);
                }

                output.WriteLine(string.Join(',', cells));
                break;
            default:
                var parts = new List<string>();
                for (var i = 0; i < metrics.Count; i++)
                {
                    if (MetricFormat.InPlainLine(metrics[i]))
                    {
                        parts.Add($"{metrics[i].Label}: {MetricFormat.Value(metrics[i], row[i])}");
                    }
                }

                output.WriteLine($"[{time.ToLocalTime():HH:mm:ss}] {string.Join(" | ", parts)}");
                break;
        }
    }

    private string Json(ReadOnlySpan<double> row, DateTimeOffset time, TopProcesses processes, IReadOnlyList<CgroupSnapshot> cgroups)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, ReadableJson.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("time", time);
            for (var i = 0; i < metrics.Count; i++)
            {
                if (double.IsNaN(row[i]))
                {
                    json.WriteNull(metrics[i].Name);
                }
                else
                {
                    json.WriteNumber(metrics[i].Name, Math.Round(row[i], 3));
                }
            }

            if (!ReferenceEquals(processes, TopProcesses.None))
            {
                json.WriteStartObject("processes");
                WriteProcesses(json, "by_cpu", processes.ByCpu);
                WriteProcesses(json, "by_memory", processes.ByMemory);
                WriteProcesses(json, "by_io", processes.ByIo);
                json.WriteNumber("io_unreadable", processes.IoUnreadable);
                json.WriteEndObject();
            }

            if (cgroups.Count > 0)
            {
                json.WriteStartArray("cgroups");
                foreach (var group in cgroups)
                {
                    group.WriteTo(json);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteProcesses(Utf8JsonWriter json, string name, IReadOnlyList<ProcessSnapshot> processes)
    {
        json.WriteStartArray(name);
        foreach (var process in processes)
        {
            json.WriteStartObject();
            json.WriteNumber("pid", process.Pid);
            json.WriteString("user", process.User);
            json.WriteString("command", process.Command);
            json.WriteNumber("cpu_percent", process.CpuPercent);
            json.WriteNumber("rss_bytes", process.RssBytes);
            json.WriteNumber("read_bytes_per_second", process.ReadBytesPerSecond);
            json.WriteNumber("write_bytes_per_second", process.WriteBytesPerSecond);
            json.WriteString("state", process.State.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
