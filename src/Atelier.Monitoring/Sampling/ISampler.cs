namespace Atelier.Monitoring.Sampling;

/// <summary>Reads the system's numbers into a row, one value per metric.</summary>
internal interface ISampler : IDisposable
{
    IReadOnlyList<Metric> Metrics { get; }

    /// <summary>What the output should say about how numbers are measured (a cgroup limit, a missing metric).</summary>
    IReadOnlyList<string> Notes { get; }

    /// <summary>Takes the readings deltas start from; the first sample then comes from a real interval.</summary>
    void Prime(long timestamp);

    void Sample(Span<double> row, long timestamp);
}
