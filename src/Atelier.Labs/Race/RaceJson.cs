using System.Text.Json.Serialization;

namespace Atelier.Labs.Race;

/// <summary>JSON for the race lesson: its report.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RaceReport))]
internal sealed partial class RaceJson : JsonSerializerContext;
