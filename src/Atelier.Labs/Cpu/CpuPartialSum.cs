using System.Text.Json.Serialization;

namespace Atelier.Labs.Cpu;

/// <summary>A worker's answer: the sum over its range, and which process computed it.</summary>
/// <param name="Sum">The sum of i² over the range.</param>
/// <param name="ProcessId">The worker's process id.</param>
internal sealed record CpuPartialSum([property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] Int128 Sum, int ProcessId);
