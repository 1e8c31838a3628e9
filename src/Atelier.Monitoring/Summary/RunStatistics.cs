namespace Atelier.Monitoring.Summary;

/// <summary>
/// Min, average, max and 95th percentile of each metric over a run. The values for the percentile are kept in a
/// preallocated ring of one day of samples per metric (a longer run's percentile covers its last day); adding a
/// sample allocates nothing.
/// </summary>
internal sealed class RunStatistics(IReadOnlyList<Metric> metrics, int keep)
{
    private readonly long[] counts = new long[metrics.Count];
    private readonly double[] minimums = [.. Enumerable.Repeat(double.PositiveInfinity, metrics.Count)];
    private readonly double[] maximums = [.. Enumerable.Repeat(double.NegativeInfinity, metrics.Count)];
    private readonly double[] sums = new double[metrics.Count];
    private readonly double[][] recent = [.. metrics.Select(_ => new double[keep])];

    public void Add(ReadOnlySpan<double> row)
    {
        for (var i = 0; i < row.Length; i++)
        {
            var value = row[i];
            if (double.IsNaN(value))
            {
                continue;
            }

            recent[i][(int)(counts[i] % keep)] = value;
            counts[i]++;
            sums[i] += value;
            minimums[i] = Math.Min(minimums[i], value);
            maximums[i] = Math.Max(maximums[i], value);
        }
    }

    public IReadOnlyList<MetricSummary> Summarize() =>
    [
        .. metrics.Select((metric, i) => counts[i] == 0
            ? new MetricSummary(metric, 0, double.NaN, double.NaN, double.NaN, double.NaN)
            : new MetricSummary(metric, counts[i], minimums[i], sums[i] / counts[i], maximums[i], Percentile(recent[i].AsSpan(0, (int)Math.Min(counts[i], keep)), 0.95))),
    ];

    /// <summary>The nearest-rank percentile: the smallest value with at least that share of values at or below it.</summary>
    public static double Percentile(ReadOnlySpan<double> values, double share)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(share * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
