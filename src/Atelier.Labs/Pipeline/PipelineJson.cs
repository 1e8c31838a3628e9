using System.Text.Json.Serialization;

namespace Atelier.Labs.Pipeline;

/// <summary>JSON for the pipeline lesson: its report.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PipelineReport))]
internal sealed partial class PipelineJson : JsonSerializerContext;
