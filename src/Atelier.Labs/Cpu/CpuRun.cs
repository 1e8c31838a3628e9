using System.Text.Json.Serialization;

namespace Atelier.Labs.Cpu;

/// <summary>One way of computing the sum.</summary>
/// <param name="Mode">What ran the ranges.</param>
/// <param name="ElapsedMs">Wall-clock time.</param>
/// <param name="Speedup">Sequential time divided by this time.</param>
/// <param name="Total">The sum it obtained.</param>
/// <param name="Matches">Whether it equals the closed form.</param>
/// <param name="Error">Why a range failed, if one did.</param>
internal sealed record CpuRun(
    string Mode,
    double ElapsedMs,
    double Speedup,
    [property: JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)] Int128 Total,
    bool Matches,
    string? Error = null);
