using System.Text.Json.Serialization;

namespace Atelier.Labs.Workers;

/// <summary>JSON for the workers lesson: its report and the messages its worker processes exchange.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkersReport))]
[JsonSerializable(typeof(WorkerTask))]
[JsonSerializable(typeof(WorkerAnswer))]
internal sealed partial class WorkersJson : JsonSerializerContext;
