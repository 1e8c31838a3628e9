namespace Atelier.Monitoring.Reports;

/// <summary>
/// Every sample of a run, in bounded memory: at most <see cref="Capacity"/> points per metric, each the minimum, mean
/// and maximum of an equal run of samples. When the points are all used, neighbours merge and each point covers twice
/// as many samples: a day at 1 Hz is 1,350 points of 64 s, in the same memory as a minute.
/// </summary>
/// <remarks>Not thread-safe: one writer (the sampling loop), read when the run ends.</remarks>
public sealed class RunHistory
{
    /// <summary>The points kept per metric unless told otherwise.</summary>
    public const int DefaultCapacity = 2048;

    private readonly int width;
    private readonly DateTimeOffset[] firsts;
    private readonly DateTimeOffset[] lasts;
    private readonly int[] samples;
    private readonly double[] minimums;
    private readonly double[] maximums;
    private readonly double[] sums;
    private readonly int[] counts;

    /// <param name="metrics">The metrics, in the order of each row.</param>
    /// <param name="capacity">The most points kept per metric: an even number, at least 2.</param>
    public RunHistory(IReadOnlyList<Metric> metrics, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        if (capacity % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be even: full points merge in pairs.");
        }

        Metrics = metrics;
        Capacity = capacity;
        width = metrics.Count;
        firsts = new DateTimeOffset[capacity];
        lasts = new DateTimeOffset[capacity];
        samples = new int[capacity];
        minimums = new double[capacity * width];
        maximums = new double[capacity * width];
        sums = new double[capacity * width];
        counts = new int[capacity * width];
    }

    /// <summary>The metrics, in the order of each row.</summary>
    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>The most points kept per metric.</summary>
    public int Capacity { get; }

    /// <summary>The points so far.</summary>
    public int Count { get; private set; }

    /// <summary>How many samples a full point covers now: 1, then 2, 4... as the run outgrows the capacity.</summary>
    public int SamplesPerPoint { get; private set; } = 1;

    /// <summary>Every sample added.</summary>
    public long Samples { get; private set; }

    /// <summary>Adds a sample: one value per metric, NaN where a metric has none.</summary>
    public void Add(ReadOnlySpan<double> row, DateTimeOffset time)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(row.Length, width);
        if (Count == 0 || samples[Count - 1] == SamplesPerPoint)
        {
            if (Count == Capacity)
            {
                Halve();
            }

            Start(Count++, time);
        }

        var point = Count - 1;
        lasts[point] = time;
        samples[point]++;
        Samples++;
        for (var metric = 0; metric < width; metric++)
        {
            var value = row[metric];
            if (double.IsNaN(value))
            {
                continue;
            }

            var cell = point * width + metric;
            minimums[cell] = Math.Min(minimums[cell], value);
            maximums[cell] = Math.Max(maximums[cell], value);
            sums[cell] += value;
            counts[cell]++;
        }
    }

    /// <summary>The middle of the time point <paramref name="point"/> covers.</summary>
    public DateTimeOffset Time(int point)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)point, (uint)Count, nameof(point));
        return firsts[point] + (lasts[point] - firsts[point]) / 2;
    }

    /// <summary>A metric's minimum, mean and maximum over a point; NaN when it had no value there.</summary>
    public (double Min, double Mean, double Max) Value(int point, int metric)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)point, (uint)Count, nameof(point));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)metric, (uint)width, nameof(metric));
        var cell = point * width + metric;
        return counts[cell] == 0 ? (double.NaN, double.NaN, double.NaN) : (minimums[cell], sums[cell] / counts[cell], maximums[cell]);
    }

    private void Start(int point, DateTimeOffset time)
    {
        firsts[point] = time;
        lasts[point] = time;
        samples[point] = 0;
        var cells = new Range(point * width, (point + 1) * width);
        minimums.AsSpan(cells).Fill(double.PositiveInfinity);
        maximums.AsSpan(cells).Fill(double.NegativeInfinity);
        sums.AsSpan(cells).Clear();
        counts.AsSpan(cells).Clear();
    }

    /// <summary>Merges the points in pairs: half as many, each covering twice the samples.</summary>
    private void Halve()
    {
        for (var point = 0; point < Capacity / 2; point++)
        {
            int left = 2 * point, right = left + 1;
            firsts[point] = firsts[left];
            lasts[point] = lasts[right];
            samples[point] = samples[left] + samples[right];
            for (var metric = 0; metric < width; metric++)
            {
                int cell = point * width + metric, a = left * width + metric, b = right * width + metric;
                (minimums[cell], maximums[cell], sums[cell], counts[cell]) =
                    (Math.Min(minimums[a], minimums[b]), Math.Max(maximums[a], maximums[b]), sums[a] + sums[b], counts[a] + counts[b]);
            }
        }

        Count = Capacity / 2;
        SamplesPerPoint *= 2;
    }
}
