using System.Text.Json.Serialization;

namespace Atelier.Labs.Errors;

/// <summary>JSON for the errors lesson: its report.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ErrorsReport))]
internal sealed partial class ErrorsJson : JsonSerializerContext;
