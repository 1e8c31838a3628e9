using System.Text.Json.Serialization;

namespace Atelier.Labs.Cpu;

/// <summary>JSON for the cpu lesson: its report and the messages its worker processes exchange.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CpuReport))]
[JsonSerializable(typeof(CpuRange))]
[JsonSerializable(typeof(CpuPartialSum))]
internal sealed partial class CpuJson : JsonSerializerContext;
