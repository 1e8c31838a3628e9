using System.Text.Json.Serialization;

namespace Atelier.Labs.Downloads;

/// <summary>JSON for the downloads lesson: its report.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DownloadsReport))]
internal sealed partial class DownloadsJson : JsonSerializerContext;
