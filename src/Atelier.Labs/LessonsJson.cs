using System.Text.Json.Serialization;

namespace Atelier.Labs;

/// <summary>JSON for the list of lessons.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(IReadOnlyList<LessonInfo>))]
internal sealed partial class LessonsJson : JsonSerializerContext;
