namespace Atelier.Labs.Cpu;

/// <summary>A range of integers, start included, end excluded: what one worker sums.</summary>
/// <param name="Start">The first integer.</param>
/// <param name="End">One past the last integer.</param>
internal sealed record CpuRange(long Start, long End);
