using System.Text.Json;
using System.Text.Json.Serialization;
using Atelier.Labs.Cpu;
using Atelier.Labs.Downloads;
using Atelier.Labs.Errors;
using Atelier.Labs.Pipeline;
using Atelier.Labs.Race;
using Atelier.Labs.Threads;
using Atelier.Labs.Workers;

namespace Atelier.Labs;

/// <summary>JSON for the lessons: the messages their worker processes exchange, and their reports.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CpuRange))]
[JsonSerializable(typeof(CpuPartialSum))]
[JsonSerializable(typeof(WorkerTask))]
[JsonSerializable(typeof(WorkerAnswer))]
[JsonSerializable(typeof(ThreadsReport))]
[JsonSerializable(typeof(DownloadsReport))]
[JsonSerializable(typeof(RaceReport))]
[JsonSerializable(typeof(PipelineReport))]
[JsonSerializable(typeof(CpuReport))]
[JsonSerializable(typeof(WorkersReport))]
[JsonSerializable(typeof(ErrorsReport))]
[JsonSerializable(typeof(IReadOnlyList<LessonInfo>))]
public sealed partial class LabJsonContext : JsonSerializerContext
{
    /// <summary>Writes a report as one line of JSON, whatever its lesson.</summary>
    public static string Serialize(LessonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Default.GetTypeInfo(report.GetType())!);
    }
}
