namespace Atelier.Monitoring.Sampling;

/// <summary>The metrics every sampler reports, in this order, then one per disk; a sampler that cannot measure one reports NaN.</summary>
internal static class StandardMetrics
{
    /// <summary>How many come before the disks.</summary>
    public const int Fixed = 11;

    /// <summary>Where the temperature is in a row: the hottest sensor's, NaN (n/a) on a machine without sensors.</summary>
    public const int Temperature = 10;

    public static List<Metric> Create(string cpuLabel, string memoryLabel, IEnumerable<string> disks, string temperatureLabel = "Temperature")
    {
        List<Metric> metrics =
        [
            new("cpu", cpuLabel, MetricKind.Percent),
            new("mem", memoryLabel, MetricKind.Percent),
            new("swap", "Swap", MetricKind.Percent),
            new("load1", "Load 1m", MetricKind.Load),
            new("load5", "Load 5m", MetricKind.Load),
            new("load15", "Load 15m", MetricKind.Load),
            new("net_rx", "Net in", MetricKind.BytesPerSecond),
            new("net_tx", "Net out", MetricKind.BytesPerSecond),
            new("disk_read", "Disk read", MetricKind.BytesPerSecond),
            new("disk_write", "Disk write", MetricKind.BytesPerSecond),
            new("temp", temperatureLabel, MetricKind.Celsius),
        ];
        metrics.AddRange(disks.Select(path => new Metric($"disk:{path}", $"Disk {path}", MetricKind.Percent)));
        return metrics;
    }
}
