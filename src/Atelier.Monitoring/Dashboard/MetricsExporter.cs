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
