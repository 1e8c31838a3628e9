using System.Text.Json.Serialization;

namespace Atelier.Labs.Threads;

/// <summary>JSON for the threads lesson: its report.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ThreadsReport))]
internal sealed partial class ThreadsJson : JsonSerializerContext;
