using Atelier.Monitoring.Alerts;
using Prometheus;

namespace Atelier.Monitoring.Dashboard;

/// <summary>The latest sample as Prometheus gauges, in a registry of its own, written in the standard text format.</summary>
internal sealed class MetricsExporter
{
    private const string DiskPrefix = "disk:";
    private readonly CollectorRegistry registry = Metrics.NewCustomRegistry();
    private readonly IReadOnlyList<Metric> metrics;
    private readonly Gauge.Child[] gauges;
    private readonly Gauge alerts;
    private readonly (Gauge Gauge, Func<Cgroups.CgroupSnapshot, double> Value)[] cgroupGauges;
    private HashSet<string> cgroupsPublished = [];

    public MetricsExporter(IReadOnlyList<Metric> metrics)
    {
        this.metrics = metrics;
        var factory = Metrics.WithCustomRegistry(registry);

        // A value the sampler could not read (no sensors, a disk gone) is no sample at all, as Prometheus wants, not 0:
        // a series appears with its first value and leaves while it has none.
        var unread = new GaugeConfiguration { SuppressInitialValue = true };
        var percent = factory.CreateGauge("atelier_percent", "Share of a resource in use, 0 to 100.", ["metric"], unread);
        var load = factory.CreateGauge("atelier_load", "Load average.", ["metric"], unread);
        var rate = factory.CreateGauge("atelier_bytes_per_second", "Transfer rate in bytes per second.", ["metric"], unread);
        var celsius = factory.CreateGauge("atelier_temperature_celsius", "Temperature in degrees Celsius (the hottest sensor).", ["metric"], unread);
        var count = factory.CreateGauge("atelier_count", "How many processes of a name run.", ["metric"], unread);

        // A disk is a mount point, labelled as node_exporter labels its filesystems, not a metric named after it.
        var disk = factory.CreateGauge("atelier_disk_percent", "Share of a mounted filesystem in use, 0 to 100, as df computes it.", ["mountpoint"], unread);
        gauges = [.. metrics.Select(m => m.Name.StartsWith(DiskPrefix, StringComparison.Ordinal)
            ? disk.WithLabels(m.Name[DiskPrefix.Length..])
            : (m.Kind switch { MetricKind.Percent => percent, MetricKind.Load => load, MetricKind.Celsius => celsius, MetricKind.Count => count, _ => rate }).WithLabels(m.Name))];
        alerts = factory.CreateGauge("atelier_alert_firing", "1 while an alert rule fires.", "rule", "metric", "level");

        // A control group is a label, as cAdvisor labels containers; a group that goes leaves with its series.
        cgroupGauges =
        [
            (factory.CreateGauge("atelier_cgroup_cpu_percent", "A control group's CPU over the last interval, in percent of one core.", ["cgroup"], unread), g => g.CpuPercent),
            (factory.CreateGauge("atelier_cgroup_memory_bytes", "Memory charged to a control group.", ["cgroup"], unread), g => g.MemoryBytes),
            (factory.CreateGauge("atelier_cgroup_memory_percent", "A control group's memory in percent of its own limit (of the machine's when it has none).", ["cgroup"], unread), g => g.MemoryPercent),
            (factory.CreateGauge("atelier_cgroup_throttled_percent", "Share of a control group's CPU periods its quota throttled over the last interval.", ["cgroup"], unread), g => g.ThrottledPercent),
            (factory.CreateGauge("atelier_cgroup_io_bytes_per_second", "Bytes a control group read from and wrote to block devices a second.", ["cgroup"], unread), g => g.IoBytesPerSecond),
            (factory.CreateGauge("atelier_cgroup_processes", "Processes in a control group.", ["cgroup"], unread), g => g.Processes),
        ];
    }

    /// <summary>The control groups of the latest sample, by their names; the series of a group no longer shown are dropped.</summary>
    public void Update(IReadOnlyList<Cgroups.CgroupSnapshot> groups)
    {
        var published = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            if (!published.Add(group.Name))
            {
                continue;
            }

            foreach (var (gauge, value) in cgroupGauges)
            {
                var child = gauge.WithLabels(group.Name);
                if (value(group) is var number && double.IsNaN(number))
                {
                    child.Unpublish();
                }
                else
                {
                    child.Set(number);
                }
            }
        }

        foreach (var gone in cgroupsPublished.Except(published))
        {
            foreach (var (gauge, _) in cgroupGauges)
            {
                gauge.RemoveLabelled(gone);
            }
        }

        cgroupsPublished = published;
    }

    public void Update(ReadOnlySpan<double> row, IReadOnlyList<AlertEvent> events)
    {
        for (var i = 0; i < row.Length; i++)
        {
            if (double.IsNaN(row[i]))
            {
                gauges[i].Unpublish();
            }
            else
            {
                gauges[i].Set(row[i]);
            }
        }

        foreach (var alert in events)
        {
            alerts.WithLabels(alert.Rule, alert.Metric, alert.Level.ToString().ToLowerInvariant()).Set(alert.Firing ? 1 : 0);
        }
    }

    public Task WriteAsync(Stream output, CancellationToken cancellationToken) => registry.CollectAndExportAsTextAsync(output, cancellationToken);

    public int Count => metrics.Count;
}
