namespace Atelier.Monitoring.Sampling;

/// <summary>
/// The last N samples, a row of values per sample in a ring preallocated once: writing a sample allocates nothing.
/// </summary>
/// <remarks>Thread-safe: the sampler writes while readers (the dashboard, the view) copy out under one lock.</remarks>
public sealed class SampleWindow
{
    private readonly Lock gate = new();
    private readonly double[] values;
    private readonly DateTimeOffset[] times;
    private long written;

    /// <summary>Creates a window of <paramref name="capacity"/> samples of <paramref name="metrics"/>.</summary>
    public SampleWindow(IReadOnlyList<Metric> metrics, int capacity)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Metrics = metrics;
        Capacity = capacity;
        values = new double[capacity * metrics.Count];
        times = new DateTimeOffset[capacity];
    }

    /// <summary>What each row holds, in order.</summary>
    public IReadOnlyList<Metric> Metrics { get; }

    /// <summary>How many samples the window keeps.</summary>
    public int Capacity { get; }

    /// <summary>How many samples were ever written.</summary>
    public long Written
    {
        get
        {
            lock (gate)
            {
                return written;
            }
        }
    }

    /// <summary>Copies the newest sample's values into <paramref name="destination"/>; false when there is none yet.</summary>
    public bool TryLatest(Span<double> destination, out DateTimeOffset time)
    {
        lock (gate)
        {
            time = default;
            if (written == 0)
            {
                return false;
            }

            var row = (int)((written - 1) % Capacity);
            values.AsSpan(row * Metrics.Count, Metrics.Count).CopyTo(destination);
            time = times[row];
            return true;
        }
    }

    /// <summary>Copies one metric's values, oldest first, into <paramref name="destination"/>; returns how many.</summary>
    public int Series(int metric, Span<double> destination)
    {
        lock (gate)
        {
            var count = (int)Math.Min(Math.Min(written, Capacity), destination.Length);
            for (var i = 0; i < count; i++)
            {
                var row = (int)((written - count + i) % Capacity);
                destination[i] = values[(row * Metrics.Count) + metric];
            }

            return count;
        }
    }

    /// <summary>The times of the samples, oldest first; returns how many.</summary>
    public int Times(Span<DateTimeOffset> destination)
    {
        lock (gate)
        {
            var count = (int)Math.Min(Math.Min(written, Capacity), destination.Length);
            for (var i = 0; i < count; i++)
            {
                destination[i] = times[(int)((written - count + i) % Capacity)];
            }

            return count;
        }
    }

    /// <summary>
    /// Copies the samples, oldest first, in one go: their times, and their rows one after another into
    /// <paramref name="rows"/> (a row per sample, the metrics in order). Returns how many samples.
    /// </summary>
    public int CopyTo(Span<DateTimeOffset> times, Span<double> rows)
    {
        lock (gate)
        {
            var count = (int)Math.Min(Math.Min(written, Capacity), Math.Min(times.Length, rows.Length / Metrics.Count));
            for (var i = 0; i < count; i++)
            {
                var slot = (int)((written - count + i) % Capacity);
                times[i] = this.times[slot];
                values.AsSpan(slot * Metrics.Count, Metrics.Count).CopyTo(rows[(i * Metrics.Count)..]);
            }

            return count;
        }
    }

    internal void Add(ReadOnlySpan<double> row, DateTimeOffset time)
    {
        lock (gate)
        {
            var slot = (int)(written % Capacity);
            row.CopyTo(values.AsSpan(slot * Metrics.Count, Metrics.Count));
            times[slot] = time;
            written++;
        }
    }
}
