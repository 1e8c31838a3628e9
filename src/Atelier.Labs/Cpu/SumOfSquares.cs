namespace Atelier.Labs.Cpu;

/// <summary>The chapter's CPU-bound work: the sum of i² over a range of integers.</summary>
internal static class SumOfSquares
{
    /// <summary>The largest limit for which i² still fits a 64-bit integer.</summary>
    public const long MaxLimit = 3_000_000_000;

    /// <summary>Adds up i² for start ≤ i &lt; end, one term at a time (the work is the point).</summary>
    public static Int128 Compute(long start, long end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, MaxLimit);
        UInt128 sum = 0;
        for (var i = start; i < end; i++)
        {
            sum += (ulong)(i * i);
        }

        return (Int128)sum;
    }

    /// <summary>The same sum for 0 ≤ i &lt; limit from the closed form (n-1)n(2n-1)/6, to check the others against.</summary>
    public static Int128 Expected(long limit)
    {
        Int128 n = limit;
        return (n - 1) * n * ((2 * n) - 1) / 6;
    }

    /// <summary>Splits [0, limit) into <paramref name="count"/> ranges of nearly equal length.</summary>
    public static IReadOnlyList<CpuRange> Split(long limit, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return [.. Enumerable.Range(0, count).Select(i => new CpuRange(limit * i / count, limit * (i + 1) / count))];
    }
}
